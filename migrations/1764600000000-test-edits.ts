/**
 * --protect-tests and the tests a change edits: the flag on each proposal (so every later run of
 * it, a revalidation or a reclaimed lease, is judged the same way) and as a project's default,
 * and the list of edited tests and test-support files with each validation (JSON text).
 * Plain ALTER TABLE ... ADD COLUMN: the same statement on SQLite and PostgreSQL, and on SQLite no
 * table rebuild under the foreign keys that point at these tables.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TestEdits1764600000000 implements MigrationInterface {
  name = 'TestEdits1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposals ADD COLUMN protect_tests boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE projects ADD COLUMN protect_tests boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE validations ADD COLUMN test_edits text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN test_edits');
    await q.query('ALTER TABLE projects DROP COLUMN protect_tests');
    await q.query('ALTER TABLE proposals DROP COLUMN protect_tests');
  }
}
