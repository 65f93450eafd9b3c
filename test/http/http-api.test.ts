/**
 * Every route of the HTTP API through a real server on loopback and fetch, over a real SQLite
 * file, with no worker (nothing is validated here; see http-follow.test.ts): answers and their
 * shapes, bad input naming the field, 404, 413, idempotency, ?wait, 503 on a full queue,
 * a heartbeat on an event stream and the stream's poll loop ending when the client goes away.
 * Over 300 lines: every route, against one server set up once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWaits } from '../../src/http/server-state.js';
import { HttpServer, readEvents } from '../support/http-server.js';

const MUL_DIFF = `--- a/src/calc/__init__.py
+++ b/src/calc/__init__.py
@@ -4,6 +4,10 @@
 def add(a, b):
     return a + b
 
 
+def mul(a, b):
+    return a * b
+
+
 def div(a, b):
     if b == 0:
`;
const NOT_APPLYING_DIFF = `--- a/src/calc/__init__.py
+++ b/src/calc/__init__.py
@@ -4,2 +4,2 @@
 def sub(a, b):
-    return a - b
+    return b - a
`;

let server: HttpServer;

beforeAll(async () => {
  // A small changes limit, so a body past it is small too (bodyLimit = 2 x 100 KB + 1 MiB).
  server = await HttpServer.start({ PATCHPROOF_MAX_CHANGES_BYTES: '100000', PATCHPROOF_SSE_HEARTBEAT_S: '1', PATCHPROOF_HTTP_MAX_WAIT_S: '30' });
  expect((await server.registerCalc()).status).toBe(201);
});
afterAll(async () => server.close());

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

async function errorOf(response: Response): Promise<{ code: string; message: string; field?: string }> {
  const body = await json(response);
  return body['error'] as { code: string; message: string; field?: string };
}

const change = (n: number | string) => [{ filepath: `notes/n${n}.txt`, content: `note ${n}\n` }];

describe('projects', () => {
  it('registers, lists and shows a project; an unknown one is 404', async () => {
    const again = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'calc2', dir: server.project } });
    expect(again.status).toBe(201);
    expect(again.headers.get('location')).toBe('/v1/projects/calc2');
    expect(await json(again)).toMatchObject({ name: 'calc2', detected: { framework: 'pytest' } });
    const list = (await (await server.fetch('/v1/projects')).json()) as { projects: { name: string }[]; nextCursor: string | null };
    expect(list.projects.map((p) => p.name)).toEqual(['calc', 'calc2']);
    expect(list.nextCursor).toBeNull();
    const one = await server.fetch('/v1/projects/calc');
    expect(one.status).toBe(200);
    expect(await json(one)).toMatchObject({ name: 'calc', root: server.project, detected: { framework: 'pytest' } });
    const missing = await server.fetch('/v1/projects/nope');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
  });

  it('refuses bad registrations naming the field', async () => {
    const badName = await server.fetch('/v1/projects', { method: 'POST', json: { name: '../x', dir: server.project } });
    expect(badName.status).toBe(400);
    expect(await errorOf(badName)).toMatchObject({ code: 'invalid_input', field: 'name' });
    const noDir = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'ghost', dir: '/nonexistent/folder' } });
    expect(noDir.status).toBe(400);
    expect(await errorOf(noDir)).toMatchObject({ code: 'invalid_input', field: 'dir' });
    const missing = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'ghost' } });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ field: 'dir' });
    const extra = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'ghost', dir: server.project, colour: 'red' } });
    expect(extra.status).toBe(400);
    const notJson = await server.fetch('/v1/projects', { method: 'POST', body: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(await errorOf(notJson)).toMatchObject({ code: 'invalid_input', field: 'body' });
    expect(((await (await server.fetch('/v1/projects')).json()) as { projects: unknown[] }).projects.length).toBe(2);
  });
});

describe('proposals', () => {
  it('queues changes and a diff: 202, Location, then shown with its changes and patch', async () => {
    const byChanges = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change('a'), title: 'a note', author: 'api-test', priority: 3, overrides: { timeoutS: 60 } } });
    expect(byChanges.status).toBe(202);
    const submitted = await json(byChanges);
    expect(submitted).toMatchObject({ project: 'calc', status: 'pending', overrides: { timeoutS: 60 } });
    expect(byChanges.headers.get('location')).toBe(`/v1/proposals/${String(submitted['proposalId'])}`);
    const shown = await json(await server.fetch(byChanges.headers.get('location') ?? ''));
    expect(shown).toMatchObject({ id: submitted['proposalId'], title: 'a note', author: 'api-test', priority: 3, status: 'pending', changes: [{ filepath: 'notes/na.txt', kind: 'write' }], validations: [] });

    const byPatch = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', patch: { text: MUL_DIFF, source: 'mul.diff' }, title: 'add mul' } });
    expect(byPatch.status).toBe(202);
    const patched = await json(await server.fetch(byPatch.headers.get('location') ?? ''));
    expect(patched).toMatchObject({ status: 'pending', patch: MUL_DIFF, changes: [{ filepath: 'src/calc/__init__.py', kind: 'write' }] });
  });

  it('refuses bad input naming the field, and stores nothing for it', async () => {
    const before = await countProposals();
    const cases: [unknown, string][] = [
      [{ changes: change(1) }, 'project'],
      [{ project: 'calc', changes: [{ filepath: '../escape.txt', content: 'x' }] }, 'changes.0'],
      [{ project: 'calc', changes: [{ filepath: 'ok.txt', content: 'x' }, { filepath: 'b.txt', conten: 'x' }] }, 'changes.1'],
      [{ project: 'calc', changes: change(2), patch: { text: MUL_DIFF } }, 'changes'],
      [{ project: 'calc' }, 'changes'],
      [{ project: 'calc', changes: change(3), title: 'bell\u0007' }, 'title'],
      [{ project: 'calc', changes: change(4), overrides: { timeoutS: -1 } }, 'overrides.timeoutS'],
      [{ project: 'calc', changes: change(5), priority: 1.5 }, 'priority'],
    ];
    for (const [body, field] of cases) {
      const response = await server.fetch('/v1/proposals', { method: 'POST', json: body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(response), JSON.stringify(body)).toMatchObject({ code: 'invalid_input', field });
    }
    const unknownProject = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'nope', changes: change(6) } });
    expect(unknownProject.status).toBe(404);
    expect(await countProposals()).toBe(before);
  });

  it('answers 413 for a body past the changes limits, storing nothing', async () => {
    const before = await countProposals();
    const big = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: [{ filepath: 'big.txt', content: 'x'.repeat(1_500_000) }] } });
    expect(big.status).toBe(413);
    expect(await errorOf(big)).toMatchObject({ code: 'too_large', field: 'body' });
    expect(await countProposals()).toBe(before);
  });

  it('lists with filters and pages by cursor; bad filters name their field', async () => {
    for (const n of ['p1', 'p2', 'p3']) expect((await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change(n), author: 'pager' } })).status).toBe(202);
    const first = await json(await server.fetch('/v1/proposals?project=calc&status=pending&author=pager&limit=2'));
    expect((first['items'] as unknown[]).length).toBe(2);
    expect(typeof first['nextCursor']).toBe('string');
    const second = await json(await server.fetch(`/v1/proposals?author=pager&limit=2&cursor=${encodeURIComponent(String(first['nextCursor']))}`));
    expect((second['items'] as unknown[]).length).toBe(1);
    expect(second['nextCursor']).toBeNull();
    const ids = [...(first['items'] as { id: string }[]), ...(second['items'] as { id: string }[])].map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    for (const [query, field] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['status=done', 'status'], ['cursor=garbage', 'cursor'], ['colour=red', 'querystring']] as const) {
      const response = await server.fetch(`/v1/proposals?${query}`);
      expect(response.status, query).toBe(400);
      expect((await errorOf(response)).field, query).toBe(field);
    }
    expect((await server.fetch('/v1/proposals?project=nope')).status).toBe(404);
  });

  it('answers 404 for unknown proposal ids on every proposal route', async () => {
    for (const [method, path] of [['GET', '/v1/proposals/no-such-id'], ['GET', '/v1/proposals/no-such-id/events'], ['POST', '/v1/proposals/no-such-id/revalidate']] as const) {
      const response = await server.fetch(path, { method });
      expect(response.status, path).toBe(404);
      expect(await errorOf(response), path).toMatchObject({ code: 'not_found', field: 'id' });
    }
    const unknownRoute = await server.fetch('/v2/nothing');
    expect(unknownRoute.status).toBe(404);
    expect((await errorOf(unknownRoute)).code).toBe('not_found');
  });

  it('revalidates only finished proposals', async () => {
    const pending = await json(await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change('r') } }));
    const response = await server.fetch(`/v1/proposals/${String(pending['proposalId'])}/revalidate`, { method: 'POST' });
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ queued: [] });
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeated key and body with the same proposal, and a different body with 409', async () => {
    const before = await countProposals();
    const body = { project: 'calc', changes: change('idem'), title: 'once' };
    const headers = { 'idempotency-key': 'retry-42' };
    const [a, b] = await Promise.all([server.fetch('/v1/proposals', { method: 'POST', json: body, headers }), server.fetch('/v1/proposals', { method: 'POST', json: body, headers })]);
    const c = await server.fetch('/v1/proposals', { method: 'POST', json: { title: 'once', changes: change('idem'), project: 'calc' }, headers });
    const ids = await Promise.all([a, b, c].map(async (r) => {
      expect(r.status).toBe(202);
      return (await json(r))['proposalId'];
    }));
    expect(new Set(ids).size).toBe(1);
    const other = await server.fetch('/v1/proposals', { method: 'POST', json: { ...body, title: 'twice' }, headers });
    expect(other.status).toBe(409);
    expect(await errorOf(other)).toMatchObject({ code: 'conflict', field: 'idempotency-key' });
    expect(await countProposals()).toBe(before + 1);
    const badKey = await server.fetch('/v1/proposals', { method: 'POST', json: body, headers: { 'idempotency-key': 'has space' } });
    expect(badKey.status).toBe(400);
    expect((await errorOf(badKey)).field).toBe('idempotency-key');
  });
});

describe('?wait', () => {
  it('answers 200 with the proposal when the verdict is there within the wait, else 202', async () => {
    // A diff that does not apply is judged at intake: rejected, naming the hunk.
    const judged = await server.fetch('/v1/proposals?wait=5', { method: 'POST', json: { project: 'calc', patch: { text: NOT_APPLYING_DIFF } } });
    expect(judged.status).toBe(200);
    const view = await json(judged);
    expect(view).toMatchObject({ status: 'rejected' });
    expect(String(view['reason'])).toContain('src/calc/__init__.py');
    // No worker runs here, so a queued change has no verdict within its wait.
    const queued = await server.fetch('/v1/proposals?wait=1', { method: 'POST', json: { project: 'calc', changes: change('w') } });
    expect(queued.status).toBe(202);
    expect(await json(queued)).toMatchObject({ status: 'pending' });
    expect(openWaits(server.app)).toBe(0);
    const bad = await server.fetch('/v1/proposals?wait=soon', { method: 'POST', json: { project: 'calc', changes: change('w2') } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe('wait');
  });
});

describe('events', () => {
  it('streams a pending proposal with heartbeats, and stops following when the client goes away', async () => {
    const submitted = await json(await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change('sse') } }));
    const response = await server.fetch(`/v1/proposals/${String(submitted['proposalId'])}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    let sawHeartbeat = false;
    const { events } = await readEvents(response, (event) => (sawHeartbeat = event === null));
    expect(sawHeartbeat).toBe(true);
    expect(events[0]).toMatchObject({ id: '1', type: 'queued', data: { seq: 1, type: 'queued', proposalId: submitted['proposalId'] } });
    // The poll loop behind the stream ends once the client has gone.
    for (let i = 0; i < 100 && openWaits(server.app) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(openWaits(server.app)).toBe(0);
    const badResume = await server.fetch(`/v1/proposals/${String(submitted['proposalId'])}/events`, { headers: { 'last-event-id': 'x' } });
    expect(badResume.status).toBe(400);
    expect((await errorOf(badResume)).field).toBe('last-event-id');
  });
});

describe('stats, health and OpenAPI', () => {
  it('answers stats and health', async () => {
    const stats = await json(await server.fetch('/v1/stats'));
    expect((stats['proposals'] as Record<string, number>)['pending']).toBeGreaterThan(0);
    expect((await server.fetch('/v1/stats?project=nope')).status).toBe(404);
    const health = await server.fetch('/v1/health');
    expect(health.status).toBe(200);
    const view = await json(health);
    expect(view).toMatchObject({ ok: true, engine: { ok: true }, database: { ok: true }, workers: { inProcess: 0 } });
    // Changes waiting, as the stats count them; the baselines they wait for beside them.
    const queue = view['queue'] as { pending: number; baselines: number };
    expect(queue.pending).toBe((stats['proposals'] as Record<string, number>)['pending'] ?? 0);
    expect(queue.baselines).toBeGreaterThanOrEqual(1);
  });

  it('lists every route with its schemas in /openapi.json', async () => {
    const doc = (await (await server.fetch('/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /v1/health',
        'GET /v1/images',
        'GET /v1/jobs',
        'GET /v1/jobs/{id}',
        'GET /v1/jobs/{id}/events',
        'POST /v1/jobs',
        'DELETE /v1/jobs/{id}',
        'GET /v1/projects',
        'GET /v1/projects/{name}',
        'GET /v1/proposals',
        'GET /v1/proposals/{id}',
        'GET /v1/proposals/{id}/events',
        'GET /v1/runtimes',
        'GET /v1/stats',
        'POST /v1/projects',
        'POST /v1/projects/{name}/fetch',
        'POST /v1/proposals',
        'POST /v1/proposals/{id}/revalidate',
        'POST /v1/run',
      ].sort(),
    );
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
        expect(ok, `${method} ${path}`).toBeDefined();
        expect(Object.values(ok?.[1].content ?? {})[0]?.schema, `${method} ${path}`).toBeDefined();
        expect(op.responses['400'] ?? op.responses['401'], `${method} ${path}`).toBeDefined();
      }
    }
    const submit = doc.paths['/v1/proposals']?.['post'];
    expect(JSON.stringify(submit?.requestBody)).toContain('contentBase64');
    expect(Object.keys(submit?.responses ?? {})).toEqual(expect.arrayContaining(['200', '202', '400', '409', '413', '503']));
    expect(JSON.stringify(doc.paths['/v1/proposals/{id}']?.['get']?.responses['200'])).toContain('validations');
    expect(doc.paths['/v1/proposals']?.['get']?.parameters?.map((p) => p.name).sort()).toEqual(['author', 'cursor', 'limit', 'project', 'status']);
  });
});

describe('a full queue', () => {
  it('answers 503 with Retry-After once PATCHPROOF_MAX_PENDING proposals wait, storing nothing', async () => {
    const small = await HttpServer.start({ PATCHPROOF_MAX_PENDING: '3' });
    try {
      expect((await small.registerCalc()).status).toBe(201);
      const statuses: number[] = [];
      for (let n = 0; n < 6 && !statuses.includes(503); n++) statuses.push((await small.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change(`q${n}`) } })).status);
      expect(statuses).toEqual([202, 202, 202, 503]);
      // The limit counts changes; the baseline they wait for is queued beside them, uncounted.
      const waiting = async () => ((await json(await small.fetch('/v1/proposals?status=pending')))['items'] as unknown[]).length;
      expect(await waiting()).toBe(3);
      // Health says the same: the changes against the limit, the baseline apart.
      expect((await json(await small.fetch('/v1/health')))['queue']).toMatchObject({ pending: 3, baselines: 1, maxPending: 3 });
      const full = await small.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change('late') } });
      expect(full.status).toBe(503);
      expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await errorOf(full)).code).toBe('queue_full');
      expect(await waiting()).toBe(3);
    } finally {
      await small.close();
    }
  });
});

async function countProposals(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await json(await server.fetch(`/v1/proposals?limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`));
    count += (page['items'] as unknown[]).length;
    cursor = page['nextCursor'] as string | null;
  } while (cursor !== null);
  return count;
}
