/**
 * Dashboard sessions (migration 1764900010000), by the digest of their id: the store never sees
 * the id itself. Expired rows are removed on each new session and by forgetExpired; at most
 * MAX_SESSIONS live at once (the soonest to expire go first), so a login loop cannot grow the table.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { sqlParams } from './sql-params.js';
import type { WriteQueue } from './write-queue.js';

export const MAX_SESSIONS = 10_000;

export interface StoredSession {
  readonly idDigest: string;
  readonly csrf: string;
  /** ms since the epoch */
  readonly expiresAt: number;
}

const num = z.coerce.number().int();
const SessionRow = z.object({ csrf: z.string(), expires_at: num });

export class DashboardSessionStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  async add(session: StoredSession, now = Date.now()): Promise<void> {
    const p = sqlParams(this.db);
    await this.writes.transaction(async (em) => {
      // A write first: a SQLite transaction that reads before it writes can be refused (write-queue.ts).
      await em.query(`DELETE FROM dashboard_sessions WHERE expires_at <= ${p(1)}`, [now]);
      const rows: unknown = await em.query('SELECT COUNT(*) AS n FROM dashboard_sessions');
      const over = (z.array(z.object({ n: num })).parse(rows)[0]?.n ?? 0) - MAX_SESSIONS + 1;
      if (over > 0) {
        await em.query(`DELETE FROM dashboard_sessions WHERE id_digest IN (SELECT id_digest FROM dashboard_sessions ORDER BY expires_at ASC LIMIT ${Math.floor(over)})`);
      }
      await em.query(`INSERT INTO dashboard_sessions (id_digest, csrf, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [session.idDigest, session.csrf, session.expiresAt]);
    });
  }

  /** The live session with this digest; null when there is none or it has expired. */
  async find(idDigest: string, now = Date.now()): Promise<StoredSession | null> {
    const p = sqlParams(this.db);
    const rows: unknown = await this.db.query(`SELECT csrf, expires_at FROM dashboard_sessions WHERE id_digest = ${p(1)} AND expires_at > ${p(2)}`, [idDigest, now]);
    const row = z.array(SessionRow).safeParse(rows).data?.[0];
    return row === undefined ? null : { idDigest, csrf: row.csrf, expiresAt: row.expires_at };
  }

  async remove(idDigest: string): Promise<void> {
    const p = sqlParams(this.db);
    await this.writes.transaction((em) => em.query(`DELETE FROM dashboard_sessions WHERE id_digest = ${p(1)}`, [idDigest]));
  }

  /** Removes sessions expired by `now`; how many. */
  async forgetExpired(now: number): Promise<number> {
    const deleted = await this.writes.transaction((em) => em.createQueryBuilder().delete().from('dashboard_sessions').where('expires_at <= :now', { now }).execute());
    return deleted.affected ?? 0;
  }
}
