/**
 * Script jobs (issue 16): a job is its script, type, input, variables, timeout and optional cron
 * schedule; each run of it (one for a plain job, one per tick for a scheduled one) is a row of
 * job_runs linked to it, kept as the job's history, with its status and its result (JSON).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Jobs1764900007000 implements MigrationInterface {
  name = 'Jobs1764900007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE jobs (id varchar(36) PRIMARY KEY NOT NULL, type varchar(16) NOT NULL, script text NOT NULL, input text NULL, variables text NOT NULL, timeout_s integer NULL, schedule varchar(100) NULL, created_at bigint NOT NULL)',
    );
    await q.query(
      'CREATE TABLE job_runs (id varchar(36) PRIMARY KEY NOT NULL, job_id varchar(36) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE, seq integer NOT NULL, status varchar(16) NOT NULL, created_at bigint NOT NULL, started_at bigint NULL, finished_at bigint NULL, result text NULL)',
    );
    await q.query('CREATE UNIQUE INDEX idx_job_runs_job ON job_runs (job_id, seq)');
    await q.query('CREATE INDEX idx_jobs_created ON jobs (created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_jobs_created');
    await q.query('DROP INDEX idx_job_runs_job');
    await q.query('DROP TABLE job_runs');
    await q.query('DROP TABLE jobs');
  }
}
