/**
 * Dashboard sessions shared by two real HTTP servers (two app contexts) over ONE database, a
 * SQLite file and then a PostgreSQL database, as behind a load balancer: a login on server A is a
 * session on server B; a restart keeps it; a logout on A ends it on B.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';
import { createTestDatabase, type TestDatabase } from '../support/local-postgres.js';

const TOKEN = 'dashboard-shared-token-0123456789';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (extra: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', ...extra });

function csrfOf(page: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  if (m?.[1] === undefined) throw new Error('no CSRF token on the page');
  return m[1];
}

describe.each(['sqlite', 'postgres'] as const)('dashboard sessions shared by two servers over %s', (backend) => {
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  let a: HttpServer;
  let b: HttpServer;

  beforeAll(async () => {
    env = { PATCHPROOF_API_TOKENS: TOKEN };
    if (backend === 'postgres') {
      database = createTestDatabase();
      env.PATCHPROOF_DATABASE_URL = database.url;
    } else {
      env.PATCHPROOF_DB_PATH = join(await mkdtemp(join(tmpdir(), 'patchproof-dash-shared-')), 'db.sqlite');
    }
    a = await HttpServer.start(env);
    b = await HttpServer.start(env);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    database?.drop();
  });

  /** The page's status: 200 with a session, 303 (to the login form) without. */
  const fleet = async (server: HttpServer, cookie: string) => (await server.fetch('/fleet', { redirect: 'manual', headers: { cookie } })).status;

  it('knows a login on A on B, keeps it over a restart, and ends it on B at a logout on A', async () => {
    const login = await a.fetch('/login', { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: a.url }), body: form({ token: TOKEN, next: '/fleet' }) });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^patchproof_session=[A-Za-z0-9_-]{43}$/);
    expect(await fleet(b, 'patchproof_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(303);
    expect(await fleet(b, cookie)).toBe(200);

    await a.close();
    a = await HttpServer.start(env);
    const page = await a.fetch('/fleet', { redirect: 'manual', headers: { cookie } });
    expect(page.status).toBe(200);
    // The session's own CSRF token, the same on either server.
    const csrf = csrfOf(await page.text());
    expect(csrfOf(await (await b.fetch('/fleet', { headers: { cookie } })).text())).toBe(csrf);

    const logout = await a.fetch('/logout', { method: 'POST', redirect: 'manual', headers: formHeaders({ cookie, origin: a.url }), body: form({ csrf }) });
    expect(logout.status).toBe(303);
    expect(await fleet(b, cookie)).toBe(303);
    expect(await fleet(a, cookie)).toBe(303);
  });
});
