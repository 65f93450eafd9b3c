/**
 * PATCHPROOF_MAX_PENDING across servers: two real HTTP servers (two app contexts) on loopback
 * over ONE database, a SQLite file and then a PostgreSQL database. Forty submissions sent to both
 * at once leave exactly the limit waiting, every other one answered 503 queue_full with its
 * idempotency key left free; requests under one key racing for the last place all answer with
 * the proposal it made. No worker runs: this is about intake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerScope } from '../../src/app/idempotency.js';
import { ErrorView } from '../../src/app/views/error-view.js';
import { SubmittedView } from '../../src/app/views/proposal-view.js';
import { HttpServer } from '../support/http-server.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';

const MAX = 10;

describe.each(['sqlite', 'postgres'] as const)('the queue limit shared by two servers over %s', (backend) => {
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  let a: HttpServer;
  let b: HttpServer;

  beforeAll(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-admission-http-');
    database = made.database;
    env = { ...made.env, PATCHPROOF_MAX_PENDING: String(MAX) };
    a = await HttpServer.start(env);
    b = await HttpServer.start(env);
    expect((await a.fetch('/v1/projects', { method: 'POST', json: { name: 'calc', dir: a.project } })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    database?.drop();
  });

  const body = (n: string) => ({ project: 'calc', changes: [{ filepath: `notes/${n}.txt`, content: `${n}\n` }], title: n });
  const post = (server: HttpServer, json: unknown, key?: string) => server.fetch('/v1/proposals', { method: 'POST', json, headers: key === undefined ? {} : { 'idempotency-key': key } });
  async function waiting(): Promise<string[]> {
    const page = (await (await b.fetch('/v1/proposals?status=pending&limit=200')).json()) as { items: { id: string }[] };
    return page.items.map((p) => p.id);
  }

  it('leaves exactly the limit waiting of 40 submissions sent to both servers at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, n) => {
        const key = n % 2 === 0 ? `burst-${n}` : undefined;
        const response = await post(n % 2 === 0 ? a : b, body(`burst-${n}`), key);
        return { key, status: response.status, retryAfter: response.headers.get('retry-after'), json: (await response.json()) as unknown };
      }),
    );
    const admitted = answers.filter((x) => x.status === 202);
    const refused = answers.filter((x) => x.status !== 202);
    expect(admitted).toHaveLength(MAX);
    expect(refused.map((x) => x.status)).toEqual(Array.from({ length: 40 - MAX }, () => 503));
    for (const x of refused) {
      expect(x.retryAfter).toBe('30');
      expect(ErrorView.parse(x.json).error).toMatchObject({ code: 'queue_full', message: expect.stringContaining(`PATCHPROOF_MAX_PENDING=${MAX}`) });
    }
    expect(new Set(await waiting())).toEqual(new Set(admitted.map((x) => SubmittedView.parse(x.json).proposalId)));
    // A refused submission's key is free: nothing under it was stored.
    const keys = (await a.ctx.storage()).idempotencyKeys;
    for (const x of answers.filter((y) => y.key !== undefined)) expect((await keys.find(callerScope(null), x.key ?? '')) === null).toBe(x.status === 503);
  });

  it('answers every request under one key racing for the last place with the proposal it made', async () => {
    // Two more servers over the database, allowing one place more than is taken.
    const roomy = { ...env, PATCHPROOF_MAX_PENDING: String(MAX + 1) };
    const [c, d] = [await HttpServer.start(roomy), await HttpServer.start(roomy)];
    try {
      const answers = await Promise.all([c, d, c, d, c, d].map(async (server) => (await post(server, body('last'), 'last-place')).json()));
      const ids = answers.map((json) => SubmittedView.parse(json).proposalId);
      expect(new Set(ids).size).toBe(1);
      expect(await waiting()).toHaveLength(MAX + 1);
      const late = await post(d, body('after the last'));
      expect(late.status).toBe(503);
      expect(ErrorView.parse(await late.json()).error.code).toBe('queue_full');
    } finally {
      await Promise.all([c.close(), d.close()]);
    }
  });
});
