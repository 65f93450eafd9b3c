/**
 * 200 proposals POSTed at once, each different: every one answered 202 and stored exactly once,
 * nothing lost or doubled. No worker runs: this is about intake, not validation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';

let server: HttpServer;
beforeAll(async () => {
  server = await HttpServer.start();
  expect((await server.registerCalc()).status).toBe(201);
});
afterAll(async () => server.close());

it('stores 200 concurrent submissions exactly once each', async () => {
  const titles = Array.from({ length: 200 }, (_, n) => `load ${n}`);
  const responses = await Promise.all(titles.map((title, n) => server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: [{ filepath: `load/f${n}.txt`, content: `${n}\n` }], title, author: 'load' } })));
  const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: (await r.json()) as { proposalId?: string } })));
  expect(bodies.filter((b) => b.status !== 202)).toEqual([]);
  const ids = new Set(bodies.map((b) => b.body.proposalId));
  expect(ids.size).toBe(200);

  const stored: { id: string; title: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (await server.fetch(`/v1/proposals?author=load&limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)).json()) as { items: { id: string; title: string }[]; nextCursor: string | null };
    stored.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  expect(stored).toHaveLength(200);
  expect(new Set(stored.map((s) => s.id))).toEqual(ids);
  expect(stored.map((s) => s.title).sort()).toEqual([...titles].sort());
});
