/**
 * The dashboard's doors at the HTTP level, against a real server on loopback: a page without a
 * session goes to /login; a wrong token is refused; the session cookie's flags; a POST from
 * another origin, without Origin, or without the session's CSRF token is refused; the cookie does
 * not open the bearer API; without tokens, loopback only. Also: what proposals say is escaped.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';

const TOKEN = 'dashboard-token-0123456789abcdef';
let server: HttpServer;
let open: HttpServer;

beforeAll(async () => {
  server = await HttpServer.start({ PATCHPROOF_API_TOKENS: TOKEN });
  open = await HttpServer.start();
});
afterAll(async () => {
  await server?.close();
  await open?.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/x-www-form-urlencoded', ...extra });

async function login(s: HttpServer): Promise<string> {
  const r = await s.fetch('/login', { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: s.url }), body: form({ token: TOKEN, next: '/fleet' }) });
  expect(r.status).toBe(303);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function csrfOf(page: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(page);
  if (m?.[1] === undefined) throw new Error('no CSRF token on the page');
  return m[1];
}

describe('the dashboard with tokens', () => {
  it('sends a page request without a session to the login form, which carries the CSP header', async () => {
    const r = await server.fetch('/proposals/abc?v=1', { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login?next=%2Fproposals%2Fabc%3Fv%3D1');
    const page = await server.fetch('/login');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('name="token"');
  });

  it('refuses a wrong token with 401 and no cookie, and a login posted without this Origin', async () => {
    const wrong = await server.fetch('/login', { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: server.url }), body: form({ token: 'not-the-token-at-all-000000', next: '/' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('not one this server accepts');
    const foreign = await server.fetch('/login', { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: 'http://evil.example' }), body: form({ token: TOKEN }) });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  it('logs in with a token: a random session cookie, HttpOnly, SameSite=Strict, Path=/, not Secure over http; redirects only within the site', async () => {
    const r = await server.fetch('/login', { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: server.url }), body: form({ token: TOKEN, next: '//evil.example/x' }) });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^patchproof_session=[A-Za-z0-9_-]{43};/);
    const flags = cookie.split(';').map((f) => f.trim());
    expect(flags).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(flags).not.toContain('Secure');
    expect(cookie).not.toContain(TOKEN);
    const page = await server.fetch('/', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Proposals</h1>');
  });

  it('refuses a revalidation without this Origin, from another origin, or without the CSRF token; accepts it with both', async () => {
    expect((await server.fetch('/v1/projects', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, json: { name: 'calc', dir: server.project } })).status).toBe(201);
    const submitted = await server.fetch('/v1/proposals', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, json: { project: 'calc', changes: [{ filepath: 'NOTES.md', content: 'a note\n' }], title: '<script>alert(1)</script>' } });
    expect(submitted.status).toBe(202);
    const { proposalId } = (await submitted.json()) as { proposalId: string };
    const cookie = await login(server);
    const page = await (await server.fetch(`/proposals/${proposalId}`, { headers: { cookie } })).text();
    // Escaped, never markup.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    const csrf = csrfOf(page);
    const post = (headers: Record<string, string>, body: Record<string, string>) =>
      server.fetch(`/proposals/${proposalId}/revalidate`, { method: 'POST', redirect: 'manual', headers: formHeaders({ cookie, ...headers }), body: form(body) });
    expect((await post({}, { csrf })).status).toBe(403);
    expect((await post({ origin: 'http://evil.example' }, { csrf })).status).toBe(403);
    expect((await post({ origin: server.url }, {})).status).toBe(403);
    expect((await post({ origin: server.url }, { csrf: `${csrf.slice(1)}x` })).status).toBe(403);
    const noSession = await server.fetch(`/proposals/${proposalId}/revalidate`, { method: 'POST', redirect: 'manual', headers: formHeaders({ origin: server.url }), body: form({ csrf }) });
    expect(noSession.status).toBe(401);
    const ok = await post({ origin: server.url }, { csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/proposals/${proposalId}`);
  });

  it('keeps the bearer API closed to the session cookie, and the live streams closed without a session', async () => {
    const cookie = await login(server);
    expect((await server.fetch('/v1/proposals', { headers: { cookie } })).status).toBe(401);
    expect((await server.fetch('/live/proposals')).status).toBe(401);
    const paths = Object.keys(((await (await server.fetch('/openapi.json', { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { paths: Record<string, unknown> }).paths);
    expect(paths.every((p) => p.startsWith('/v1/') || p.startsWith('/mcp'))).toBe(true);
  });

  it('refuses a filter it does not know with a 400 page naming the field, and an unknown proposal with 404', async () => {
    const cookie = await login(server);
    const bad = await server.fetch('/?status=bogus', { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('status:');
    expect((await server.fetch('/live/proposals?status=bogus', { headers: { cookie } })).status).toBe(400);
    const missing = await server.fetch('/proposals/no-such-id', { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no proposal with id');
  });

  it('pages by cursor: the newest first, an older-page link, and the rest on it', async () => {
    const cookie = await login(server);
    for (const title of ['paged one', 'paged two']) {
      const r = await server.fetch('/v1/proposals', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, json: { project: 'calc', changes: [{ filepath: 'NOTES.md', content: `${title}\n` }], title } });
      expect(r.status).toBe(202);
    }
    const rowsOf = (page: string) => [...page.matchAll(/<tr data-id="([^"]+)"/g)].map((m) => m[1]);
    const first = await (await server.fetch('/?limit=2', { headers: { cookie } })).text();
    expect(rowsOf(first)).toHaveLength(2);
    expect(first).toContain('paged two');
    const next = /rel="next" href="([^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/\?limit=2&cursor=/);
    const second = await (await server.fetch(next ?? '', { headers: { cookie } })).text();
    expect(rowsOf(second).length).toBeGreaterThanOrEqual(1);
    expect(rowsOf(second).filter((id) => rowsOf(first).includes(id))).toEqual([]);
    expect(second).toContain('&lt;script&gt;');
  });

  it('ends a session at logout (a POST with its CSRF token)', async () => {
    const cookie = await login(server);
    const csrf = csrfOf(await (await server.fetch('/fleet', { headers: { cookie } })).text());
    const out = await server.fetch('/logout', { method: 'POST', redirect: 'manual', headers: formHeaders({ cookie, origin: server.url }), body: form({ csrf }) });
    expect(out.status).toBe(303);
    expect((await server.fetch('/fleet', { redirect: 'manual', headers: { cookie } })).status).toBe(303);
  });
});

describe('the dashboard without tokens', () => {
  it('serves loopback without a login, and refuses a request naming another Host', async () => {
    const page = await open.fetch('/', { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await open.fetch('/login', { redirect: 'manual' })).status).toBe(303);
    const port = new URL(open.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: `rebound.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });
});
