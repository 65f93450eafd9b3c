/**
 * The application layer (issue 14): a proposal's request overrides (timeout, minimum coverage,
 * memory, ...) kept with it, so every later run uses them; and a bounded tail of progress events
 * per proposal, numbered, so another process (on another machine too) can follow a run live.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppLayer1764800000000 implements MigrationInterface {
  name = 'AppLayer1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposals ADD COLUMN overrides text NULL');
    await q.query(
      'CREATE TABLE progress_events (proposal_id varchar(36) NOT NULL, seq integer NOT NULL, at_ms bigint NOT NULL, event text NOT NULL, PRIMARY KEY (proposal_id, seq))',
    );
    // Paging lists by (created_at, id), newest first: the index serves it and the filters.
    await q.query('CREATE INDEX idx_proposals_created ON proposals (created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_proposals_created');
    await q.query('DROP TABLE progress_events');
    await q.query('ALTER TABLE proposals DROP COLUMN overrides');
  }
}
