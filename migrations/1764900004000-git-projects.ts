/**
 * Projects from git (issue 18): a project may be a bare mirror of a repository (its URL, never
 * with credentials, and the ref proposals default to), and a proposal keeps the full commit id
 * it is judged on, so every later run of it (revalidation, retry) uses the same commit.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GitProjects1764900004000 implements MigrationInterface {
  name = 'GitProjects1764900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE projects ADD COLUMN git_url varchar(2048) NULL');
    await q.query('ALTER TABLE projects ADD COLUMN git_ref varchar(256) NULL');
    await q.query('ALTER TABLE proposals ADD COLUMN base_commit varchar(64) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposals DROP COLUMN base_commit');
    await q.query('ALTER TABLE projects DROP COLUMN git_ref');
    await q.query('ALTER TABLE projects DROP COLUMN git_url');
  }
}
