/**
 * Dashboard sessions in the database, so a restart keeps them and every server over the database
 * knows them: the sha-256 of the session id (the cookie's value is never stored), its CSRF token
 * and when it expires.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardSessions1764900010000 implements MigrationInterface {
  name = 'DashboardSessions1764900010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE dashboard_sessions (id_digest varchar(64) PRIMARY KEY NOT NULL, csrf varchar(64) NOT NULL, expires_at bigint NOT NULL)');
    await q.query('CREATE INDEX idx_dashboard_sessions_expires ON dashboard_sessions (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_dashboard_sessions_expires');
    await q.query('DROP TABLE dashboard_sessions');
  }
}
