/**
 * Idempotency keys in the database (POST /v1/proposals, validate_proposal): a key, per caller
 * scope, names the one proposal its first request made, with a digest of that request's body. The
 * primary key (scope, key) is what decides a race between servers: one insert wins, the other's
 * transaction (holding its proposal) is rolled back and answers with the winner's proposal.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1764900009000 implements MigrationInterface {
  name = 'IdempotencyKeys1764900009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE idempotency_keys (scope varchar(64) NOT NULL, idem_key varchar(200) NOT NULL, request_digest varchar(64) NOT NULL, proposal_id varchar(36) NOT NULL REFERENCES proposals (id) ON DELETE CASCADE, created_at bigint NOT NULL, PRIMARY KEY (scope, idem_key))',
    );
    await q.query('CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_idempotency_keys_created');
    await q.query('DROP TABLE idempotency_keys');
  }
}
