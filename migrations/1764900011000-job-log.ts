/**
 * A running job's log kept as it comes (issue: `jobs log --follow` from any process): each run's
 * events (its statuses and its log in bounded chunks) are rows numbered per run, so any process
 * sharing the database follows it and resumes after a seq. `events` on the run is the last seq
 * given: bumped in the same transaction as the rows it numbers, and only while the run has not
 * ended, so nothing is added to a run once it ended (deleted elsewhere, say). `is_log` marks the
 * rows compacted a while after the run ends (its result keeps the log's tail). Runs from before
 * have none (0): they are read from their stored result, as before.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobLog1764900011000 implements MigrationInterface {
  name = 'JobLog1764900011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE job_runs ADD COLUMN events integer NOT NULL DEFAULT 0');
    await q.query(
      'CREATE TABLE job_run_events (run_id varchar(36) NOT NULL REFERENCES job_runs (id) ON DELETE CASCADE, seq integer NOT NULL, is_log smallint NOT NULL, at_ms bigint NOT NULL, event text NOT NULL, PRIMARY KEY (run_id, seq))',
    );
    // The log rows not yet compacted, found without reading every run's statuses.
    await q.query('CREATE INDEX idx_job_run_events_log ON job_run_events (is_log, run_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_job_run_events_log');
    await q.query('DROP TABLE job_run_events');
    await q.query('ALTER TABLE job_runs DROP COLUMN events');
  }
}
