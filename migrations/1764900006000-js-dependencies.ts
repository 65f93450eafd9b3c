/**
 * JavaScript projects as they come (issue 18, item 5): with each validation, what the image
 * installed of the project's dependencies and from which lock file, and the errors its build
 * listed when it failed (so a baseline's known errors never reject a change). JSON text columns,
 * plain ADD COLUMN, as 1764700002000.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JsDependencies1764900006000 implements MigrationInterface {
  name = 'JsDependencies1764900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations ADD COLUMN dependencies text NULL');
    await q.query('ALTER TABLE validations ADD COLUMN build_errors text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN build_errors');
    await q.query('ALTER TABLE validations DROP COLUMN dependencies');
  }
}
