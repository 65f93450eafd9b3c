/**
 * Deleting a script job (issue 16): the job row stays as a tombstone with the time it was
 * deleted (its script, input and variables erased), so every server sharing the database stops
 * its schedule, a run going elsewhere sees it and stops, and deleting it again answers the same.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobDeletion1764900008000 implements MigrationInterface {
  name = 'JobDeletion1764900008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE jobs ADD COLUMN deleted_at bigint NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE jobs DROP COLUMN deleted_at');
  }
}
