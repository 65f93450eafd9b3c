/**
 * Changed-line coverage (issue 11, item 6): --min-changed-coverage on each proposal (so every
 * later run of it is judged the same way) and as a project's default, and with each validation
 * the changed lines' coverage (JSON text: totals, per-file counts, uncovered ranges, capped) and
 * the line coverage's delta against the baseline. Plain ADD COLUMN, as 1764600000000.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChangedLineCoverage1764700002000 implements MigrationInterface {
  name = 'ChangedLineCoverage1764700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposals ADD COLUMN min_changed_coverage real NULL');
    await q.query('ALTER TABLE projects ADD COLUMN min_changed_coverage real NULL');
    await q.query('ALTER TABLE validations ADD COLUMN changed_lines text NULL');
    await q.query('ALTER TABLE validations ADD COLUMN coverage_delta real NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE validations DROP COLUMN coverage_delta');
    await q.query('ALTER TABLE validations DROP COLUMN changed_lines');
    await q.query('ALTER TABLE projects DROP COLUMN min_changed_coverage');
    await q.query('ALTER TABLE proposals DROP COLUMN min_changed_coverage');
  }
}
