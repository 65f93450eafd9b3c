/**
 * The MCP handler over streamable HTTP, mounted on a plain node:http server on loopback as
 * `serve` mounts it at /mcp, with a worker slot in the same process (as `serve --workers 1`): the
 * SDK's own client validates the example's good and bad proposals with progress; the token rule
 * refuses requests without the bearer token (401) and, without tokens, a non-loopback Host (403).
 */
import { mkdtemp } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../src/app/context.js';
import { ErrorView } from '../../src/app/views/error-view.js';
import { ProjectView } from '../../src/app/views/project-view.js';
import { ContainerListView, RunResultView } from '../../src/app/views/run-view.js';
import { startInProcessWorkers, type InProcessWorkers } from '../../workers/in-process-workers.js';
import { loadConfig } from '../../src/config.js';
import { createMcpHttpHandler, type McpHttpOptions } from '../../src/mcp/http-handler.js';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { callWithProgress, exampleChanges, httpClient, structured } from '../support/mcp-client.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';

const TOKEN = 'mcp-test-token-0123456789';

async function listen(ctx: AppContext, options: McpHttpOptions): Promise<{ server: Server; url: string }> {
  const handler = createMcpHttpHandler(ctx, options);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/mcp` };
}

/** One raw POST (an initialize request), with the headers given: the door's answer before any MCP. */
function rawPost(url: string, headers: Record<string, string>, raw?: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const body = raw ?? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('MCP over streamable HTTP', () => {
  let ctx: AppContext;
  let slots: InProcessWorkers;
  let withTokens: { server: Server; url: string };
  let tokenless: { server: Server; url: string };
  let store: string;

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-http-'));
    ctx = createContext(loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100', PATCHPROOF_RUN_IMAGES: 'local/debian:bookworm' }));
    store = ctx.store;
    slots = await startInProcessWorkers(ctx, 1, { schedules: false, log: () => undefined });
    withTokens = await listen(ctx, { tokens: ['another-token', TOKEN] });
    tokenless = await listen(ctx, { tokens: [] });
  });

  afterAll(async () => {
    for (const s of [withTokens, tokenless]) await new Promise((resolve) => s?.server.close(resolve));
    await slots?.stop(0);
    await ctx?.close();
    expect(await leftovers(docker, { store })).toEqual({ containers: [], volumes: [] });
  });

  it('refuses a request without the token, or with a wrong one, with 401 and the error view', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const answer = await rawPost(withTokens.url, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(ErrorView.parse(JSON.parse(answer.body)).error).toMatchObject({ code: 'unauthorized', field: 'authorization' });
    }
    // The SDK's own client is refused the same way, before any MCP message is read.
    await expect(httpClient(withTokens.url)).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/Bearer <token>/) });
    expect((await rawPost(withTokens.url, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('without tokens serves loopback, but not a request whose Host names another machine', async () => {
    expect((await rawPost(tokenless.url, {})).status).toBe(200);
    const rebound = await rawPost(tokenless.url, { host: 'attacker.example:80' });
    expect(rebound.status).toBe(403);
    expect(ErrorView.parse(JSON.parse(rebound.body)).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Host header must name loopback/) });
  });

  it('validates the good and the bad example proposals through the SDK client, with progress', async () => {
    const client = await httpClient(withTokens.url, TOKEN);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('validate_proposal');
      expect(tools.every((t) => t.outputSchema?.type === 'object')).toBe(true);
      const added = await client.callTool({ name: 'add_project', arguments: { name: 'calc', dir: await scratchProject() } });
      expect(structured(added, ProjectView).name).toBe('calc');

      const good = await callWithProgress(client, 'validate_proposal', { project: 'calc', changes: await exampleChanges('good'), title: 'add mul' });
      expect(structured(good.result, ValidateProposalView)).toMatchObject({ status: 'executed', done: true });
      expect(good.progress.map((p) => p.message)).toContain('test started');
      expect(good.progress.at(-1)?.message).toMatch(/^executed: /);

      const bad = await callWithProgress(client, 'validate_proposal', { project: 'calc', changes: await exampleChanges('bad'), title: 'break add' });
      const rejected = structured(bad.result, ValidateProposalView);
      expect(rejected).toMatchObject({ status: 'rejected', done: true });
      expect(rejected.reason).toMatch(/test_add/);
      expect(bad.progress.length).toBeGreaterThan(2);

      // The run tools answer over HTTP as over stdio.
      const files = [{ filepath: 'hello.sh', content: 'echo "hello from $(id -u)"' }];
      const run = structured(await client.callTool({ name: 'execute_with_payload', arguments: { image: 'local/debian:bookworm', command: ['sh', 'hello.sh'], files } }), RunResultView);
      expect(run).toMatchObject({ exitCode: 0, stdout: 'hello from 1000\n', stopped: false });
      // Nothing of the run or the validations is left; the worker's warm sandboxes stand ready (its own, unowned by any proposal).
      const left = structured(await client.callTool({ name: 'list_containers', arguments: {} }), ContainerListView).containers;
      expect(left.filter((c) => c.kind !== 'warm')).toEqual([]);
      for (const warm of left) expect(warm).toMatchObject({ kind: 'warm', proposalId: null, state: 'running' });
    } finally {
      await client.close();
    }
  });

  it('ends validate_proposal when no worker takes the proposal: pending, said why, heartbeats meanwhile', async () => {
    // A database no worker serves, and a short heartbeat to see it.
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-idle-'));
    const idle = createContext(loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' }));
    const door = await listen(idle, { tokens: [], heartbeatMs: 200 });
    const client = await httpClient(door.url);
    try {
      structured(await client.callTool({ name: 'add_project', arguments: { name: 'calc', dir: await scratchProject() } }), ProjectView);
      const { result, progress } = await callWithProgress(client, 'validate_proposal', { project: 'calc', changes: await exampleChanges('good'), waitSeconds: 2 });
      const view = structured(result, ValidateProposalView);
      expect(view).toMatchObject({ status: 'pending', done: false });
      expect(view.note).toMatch(/no verdict within 2 s \(is a worker running\?/);
      expect(progress[0]?.message).toBe('queued: queued for a worker');
      expect(progress.filter((p) => p.message === 'still waiting: queued: queued for a worker').length).toBeGreaterThanOrEqual(2);
      // 6 MiB of changes are within the limits (5 MiB a file), though above the SDK's default 4 MiB body.
      const big = ['a', 'b'].map((name) => ({ filepath: `data/${name}.txt`, content: 'x'.repeat(3 * 1024 * 1024) }));
      expect(structured(await client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: big, wait: false } }), ValidateProposalView).status).toBe('pending');
    } finally {
      await client.close();
      await new Promise((resolve) => door.server.close(resolve));
      await idle.close();
    }
  });

  it('refuses a body larger than the changes limits allow with 413, before reading it as JSON', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-413-'));
    const small = createContext(loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_MAX_CHANGES_BYTES: '1000' }));
    const door = await listen(small, { tokens: [] });
    try {
      const answer = await rawPost(door.url, {}, 'x'.repeat(3 * 1024 * 1024));
      expect(answer.status).toBe(413);
    } finally {
      await new Promise((resolve) => door.server.close(resolve));
      await small.close();
    }
  });

  it('answers GET with 405: a stateless server has no stream to open', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      request(tokenless.url, { method: 'GET', headers: { accept: 'text/event-stream' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(answer).toBe(405);
  });
});
