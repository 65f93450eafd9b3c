/**
 * Idempotency-Key across servers: two real HTTP servers (two app contexts) on loopback over ONE
 * database, a SQLite file and then a PostgreSQL database. The same key sent to both at once makes
 * one proposal, both answering it; after a restart the key still answers it; another body under
 * it is 409; a submission that failed leaves the key free; keys are per bearer token; a key older
 * than a day is free again and is forgotten; validate_proposal's idempotency_key is the same key.
 * No worker runs: this is about intake.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerScope } from '../../src/app/idempotency.js';
import { forgetExpired } from '../../src/app/use-cases/forget-expired.js';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { KEEP_KEY_MS } from '../../src/storage/idempotency-key-store.js';
import { HttpServer } from '../support/http-server.js';
import { createTestDatabase, type TestDatabase } from '../support/local-postgres.js';
import { httpClient, structured, textOf } from '../support/mcp-client.js';

const TOKEN = 'idempotency-token-one-0123456789';
const OTHER_TOKEN = 'idempotency-token-two-0123456789';

describe.each(['sqlite', 'postgres'] as const)('Idempotency-Key shared by two servers over %s', (backend) => {
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  let a: HttpServer;
  let b: HttpServer;

  beforeAll(async () => {
    env = { PATCHPROOF_API_TOKENS: `${TOKEN},${OTHER_TOKEN}` };
    if (backend === 'postgres') {
      database = createTestDatabase();
      env.PATCHPROOF_DATABASE_URL = database.url;
    } else {
      env.PATCHPROOF_DB_PATH = join(await mkdtemp(join(tmpdir(), 'patchproof-idem-')), 'db.sqlite');
    }
    a = await HttpServer.start(env);
    b = await HttpServer.start(env);
    expect((await a.fetch('/v1/projects', { method: 'POST', json: { name: 'calc', dir: a.project }, headers: auth() })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    database?.drop();
  });

  const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}` });
  const body = (n: string, author: string) => ({ project: 'calc', changes: [{ filepath: `notes/${n}.txt`, content: `${n}\n` }], title: n, author });
  const post = (server: HttpServer, json: unknown, key: string, token = TOKEN) => server.fetch('/v1/proposals', { method: 'POST', json, headers: { ...auth(token), 'idempotency-key': key } });
  async function answer(response: Response): Promise<{ status: number; id: string | undefined; error: { code?: string; field?: string } | undefined }> {
    const json = (await response.json()) as { proposalId?: string; error?: { code?: string; field?: string } };
    return { status: response.status, id: json.proposalId, error: json.error };
  }
  async function proposalsBy(author: string): Promise<string[]> {
    const page = (await (await b.fetch(`/v1/proposals?author=${author}&limit=200`, { headers: auth() })).json()) as { items: { id: string }[] };
    return page.items.map((p) => p.id);
  }

  it('makes one proposal for a key sent to both servers at once, both answering it', async () => {
    const author = `race-${backend}`;
    const keys = Array.from({ length: 8 }, (_, n) => `race-${n}`);
    // Each key twice to each server, all at once: four requests race for every key.
    const answers = await Promise.all(keys.flatMap((key) => [a, b, a, b].map(async (server) => ({ key, ...(await answer(await post(server, body(key, author), key))) }))));
    expect(answers.filter((x) => x.status !== 202)).toEqual([]);
    for (const key of keys) expect(new Set(answers.filter((x) => x.key === key).map((x) => x.id)).size).toBe(1);
    const stored = await proposalsBy(author);
    expect(stored).toHaveLength(keys.length);
    expect(new Set(stored)).toEqual(new Set(answers.map((x) => x.id)));
  });

  it('answers the same proposal after a restart, and 409 naming the header for another body', async () => {
    const author = `restart-${backend}`;
    const first = await answer(await post(a, body('restart', author), 'restart-1'));
    expect(first.status).toBe(202);
    await a.close();
    a = await HttpServer.start(env);
    const again = await answer(await post(a, body('restart', author), 'restart-1'));
    expect(again).toMatchObject({ status: 202, id: first.id });
    // Keys sorted differently are the same body.
    const reordered = await answer(await post(b, { author, title: 'restart', changes: [{ content: 'restart\n', filepath: 'notes/restart.txt' }], project: 'calc' }, 'restart-1'));
    expect(reordered).toMatchObject({ status: 202, id: first.id });
    const other = await answer(await post(b, { ...body('restart', author), title: 'another' }, 'restart-1'));
    expect(other).toMatchObject({ status: 409, error: { code: 'conflict', field: 'idempotency-key' } });
    expect(await proposalsBy(author)).toEqual([first.id]);
  });

  it('leaves the key free after a submission that failed', async () => {
    const author = `failed-${backend}`;
    const failed = await answer(await post(a, { ...body('failed', author), project: 'no-such-project' }, 'failed-1'));
    expect(failed).toMatchObject({ status: 404, error: { code: 'not_found' } });
    // The retry runs again (another server this time) and, the project now right, makes the proposal.
    const retried = await answer(await post(b, body('failed', author), 'failed-1'));
    expect(retried.status).toBe(202);
    expect(await proposalsBy(author)).toEqual([retried.id]);
  });

  it('keeps keys per bearer token', async () => {
    const author = `tokens-${backend}`;
    const mine = await answer(await post(a, body('tokens', author), 'tokens-1'));
    const theirs = await answer(await post(b, body('tokens', author), 'tokens-1', OTHER_TOKEN));
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    expect(theirs.id).not.toBe(mine.id);
    expect((await answer(await post(b, body('tokens', author), 'tokens-1', OTHER_TOKEN))).id).toBe(theirs.id);
  });

  it('frees a key older than a day, and forgets such keys', async () => {
    const author = `expired-${backend}`;
    const first = await answer(await post(a, body('expired', author), 'expired-1'));
    const storage = await a.ctx.storage();
    const p = backend === 'postgres' ? (n: number) => `$${n}` : (n: number) => `?${n}`;
    await storage.db.query(`UPDATE idempotency_keys SET created_at = created_at - ${p(1)} WHERE idem_key = ${p(2)}`, [KEEP_KEY_MS + 1000, 'expired-1']);
    expect(await storage.idempotencyKeys.find(callerScope(TOKEN), 'expired-1')).toBeNull();
    // Another body under the old key is a new request now, not a conflict.
    const later = await answer(await post(b, { ...body('expired', author), title: 'a day later' }, 'expired-1'));
    expect(later.status).toBe(202);
    expect(later.id).not.toBe(first.id);

    await storage.db.query(`UPDATE idempotency_keys SET created_at = created_at - ${p(1)} WHERE idem_key = ${p(2)}`, [KEEP_KEY_MS + 1000, 'tokens-1']);
    const forgotten = await forgetExpired(a.ctx);
    expect(forgotten.idempotencyKeys).toBe(2);
    const left: unknown = await storage.db.query(`SELECT idem_key FROM idempotency_keys WHERE idem_key = ${p(1)}`, ['tokens-1']);
    expect(left).toEqual([]);
  });

  it('takes validate_proposal idempotency_key as the same kind of key', async () => {
    const client = await httpClient(`${b.url}/mcp`, TOKEN);
    try {
      const args = { project: 'calc', changes: [{ filepath: 'notes/mcp.txt', content: 'mcp\n' }], title: 'mcp', author: `mcp-${backend}`, wait: false, idempotency_key: 'mcp-1' };
      const first = structured(await client.callTool({ name: 'validate_proposal', arguments: args }), ValidateProposalView);
      // Waiting or not is not part of the request.
      const again = structured(await client.callTool({ name: 'validate_proposal', arguments: { ...args, wait: true, waitSeconds: 1 } }), ValidateProposalView);
      expect(again.proposalId).toBe(first.proposalId);
      const other = await client.callTool({ name: 'validate_proposal', arguments: { ...args, title: 'another' } });
      expect(other.isError).toBe(true);
      expect(textOf(other)).toContain('conflict (field "idempotency_key")');
      expect(await proposalsBy(`mcp-${backend}`)).toEqual([first.proposalId]);
    } finally {
      await client.close();
    }
  });
});
