/**
 * Baselines (issue 11): one run of the unchanged project per state, kept as a proposal of kind
 * `baseline` (queued, leased and retried like any), unique per state key; the state key a changed
 * proposal waits for; --strict per proposal and per project; the comparison stored with each
 * validation (each test's identity and flakiness come with 1764700000000-test-identity).
 * Plain ALTER TABLE ... ADD COLUMN and a partial unique index: the same SQL on SQLite and PostgreSQL.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Baselines1764700001000 implements MigrationInterface {
  name = 'Baselines1764700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE proposals ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'change'");
    await q.query('ALTER TABLE proposals ADD COLUMN state_key varchar(64) NULL');
    await q.query('ALTER TABLE proposals ADD COLUMN baseline_key varchar(64) NULL');
    await q.query('ALTER TABLE proposals ADD COLUMN strict_grading boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE projects ADD COLUMN strict_grading boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE validations ADD COLUMN comparison text NULL');
    // One baseline row per project state, whoever asks first: two workers cannot make two.
    await q.query("CREATE UNIQUE INDEX idx_proposals_baseline_state ON proposals (state_key) WHERE kind = 'baseline'");
    await q.query('CREATE INDEX idx_proposals_baseline_key ON proposals (baseline_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_proposals_baseline_key');
    await q.query('DROP INDEX idx_proposals_baseline_state');
    await q.query('ALTER TABLE validations DROP COLUMN comparison');
    await q.query('ALTER TABLE projects DROP COLUMN strict_grading');
    await q.query('ALTER TABLE proposals DROP COLUMN strict_grading');
    await q.query('ALTER TABLE proposals DROP COLUMN baseline_key');
    await q.query('ALTER TABLE proposals DROP COLUMN state_key');
    await q.query('ALTER TABLE proposals DROP COLUMN kind');
  }
}
