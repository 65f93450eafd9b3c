/**
 * Declared dependencies (issue 18, item 4): with each validation, what its image build installed
 * of the project's declared dependencies and from where, and what could not be found (JSON
 * text, capped). Plain ADD COLUMN, as 1764600000000.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeclaredDependencies1764900005000 implements MigrationInterface {
  name = 'DeclaredDependencies1764900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations ADD COLUMN dependencies text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN dependencies');
  }
}
