/**
 * Warm sandboxes (issue 17): each validation records whether its sandbox was taken warm from the
 * worker's pool or opened cold (null for runs recorded before, and for runs that opened none).
 * Plain ADD COLUMN, as 1764600000000.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WarmSandbox1764900002000 implements MigrationInterface {
  name = 'WarmSandbox1764900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations ADD COLUMN sandbox varchar(8) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN sandbox');
  }
}
