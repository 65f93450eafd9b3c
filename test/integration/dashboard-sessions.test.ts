/**
 * Dashboard sessions in the database, on SQLite and PostgreSQL: random ids and CSRF tokens; only
 * the id's sha-256 stored; a session is gone once expired, once deleted, and from every context
 * over the database at once; expired rows are removed; at most MAX_SESSIONS live (the soonest to
 * expire go first).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../src/app/context.js';
import { DashboardSessions } from '../../src/app/dashboard-sessions.js';
import { forgetExpired } from '../../src/app/use-cases/forget-expired.js';
import { loadConfig } from '../../src/config.js';
import { MAX_SESSIONS } from '../../src/storage/dashboard-session-store.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';

describe.each(['sqlite', 'postgres'] as const)('dashboard sessions on %s', (backend) => {
  let database: TestDatabase | null = null;
  let one: AppContext;
  let two: AppContext;
  beforeAll(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-sessions-');
    database = made.database;
    const env = made.env;
    one = createContext(loadConfig(env));
    two = createContext(loadConfig(env));
    await one.storage();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    database?.drop();
  });

  const rows = async (ctx: AppContext): Promise<{ id_digest: string; csrf: string }[]> => (await ctx.storage()).db.query('SELECT id_digest, csrf FROM dashboard_sessions');

  it('stores only the id digest, expires, and is known and deleted across contexts', async () => {
    const a = new DashboardSessions(one, 60_000);
    const b = new DashboardSessions(two, 60_000);
    const s = await a.create(1_000);
    const t = await a.create(1_000);
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.id).not.toBe(t.id);
    expect(s.csrf).not.toBe(s.id);
    const stored = await rows(one);
    expect(stored.map((r) => r.id_digest)).toContain(createHash('sha256').update(s.id).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(s.id);

    expect(await b.get(s.id, 60_999)).toEqual(s);
    expect(await b.get(s.id, 61_000)).toBeNull();
    expect(await b.get(undefined)).toBeNull();
    expect(await b.get('not-a-session-id')).toBeNull();
    await b.delete(t.id);
    expect(await a.get(t.id, 1_000)).toBeNull();

    // A new session removes those expired by its start (s, long ago by the clock); the sweep too.
    const live = await a.create();
    expect(await b.get(s.id, 1_000)).toBeNull();
    const old = await a.create(1_000);
    expect(await b.get(old.id, 1_000)).toEqual(old);
    expect(await forgetExpired(one)).toMatchObject({ dashboardSessions: 1 });
    expect(await b.get(old.id, 1_000)).toBeNull();
    expect(await b.get(live.id)).toEqual(live);
  });

  it(`keeps at most ${MAX_SESSIONS} sessions, dropping the soonest to expire`, async () => {
    const storage = await one.storage();
    await storage.db.query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_SESSIONS}) INSERT INTO dashboard_sessions (id_digest, csrf, expires_at) SELECT 'filler-' || i, 'c', 9000000000000000 + i FROM n`,
    );
    const session = await new DashboardSessions(one, 60_000).create();
    const count: { n: number | string }[] = await storage.db.query('SELECT COUNT(*) AS n FROM dashboard_sessions');
    expect(Number(count[0]?.n)).toBe(MAX_SESSIONS);
    expect(await new DashboardSessions(two, 60_000).get(session.id)).toEqual(session);
    const gone: unknown[] = await storage.db.query(`SELECT id_digest FROM dashboard_sessions WHERE id_digest = 'filler-1'`);
    expect(gone).toEqual([]);
  });
});
