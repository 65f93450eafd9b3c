/**
 * Bounds every door keeps the same, met on a real server over loopback, through the SDK's own MCP
 * client (over HTTP and over stdio, the built CLI on the server's SQLite file) and the built CLI:
 * a full queue refused with queue_full by every door (a replay of a key never), a revalidation
 * that does not fit refused whole the same way (the CLI, HTTP, MCP), the job event stream under
 * the open-streams bound, a job request's body bounded by what its schema takes, a job's input
 * nested too deep refused naming it, and a query's whole number given wrongly refused naming the
 * parameter.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorView } from '../../src/app/views/error-view.js';
import { JobView } from '../../src/app/views/job-view.js';
import { SubmittedView } from '../../src/app/views/proposal-view.js';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { exampleChanges, httpClient, stdioSession, structured, textOf } from '../support/mcp-client.js';
import { HttpServer } from '../support/http-server.js';
import { CLI, runCli } from '../support/run-cli.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/** A GET held open (an event stream): its status, and a way to end it. */
function openStream(url: string, path: string): Promise<{ status: number; body: () => Promise<string>; close: () => void }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, agent: false }, (res) => {
      let body = '';
      const ended = new Promise<string>((done) => {
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => done(body));
        res.on('close', () => done(body));
      });
      resolve({ status: res.statusCode ?? 0, body: () => ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

/** `patchproof mcp` spoken to in raw lines: initialize, then `call` (a request of id 2); its answer's line. */
async function rawStdioCall(db: string, call: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'mcp', '--workers', '0'], { cwd: PACKAGE_ROOT, env: { ...process.env, PATCHPROOF_DB_PATH: db }, stdio: ['pipe', 'pipe', 'ignore'] });
  try {
    const lines = createInterface({ input: child.stdout });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })}\n`);
    for await (const line of lines) {
      if (line.includes('"id":1')) {
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${call}\n`);
      } else if (line.includes('"id":2')) return line;
    }
    throw new Error('patchproof mcp ended without answering');
  } finally {
    child.kill();
  }
}

/** `[[[...]]]`, `depth` deep. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

describe('a full queue (PATCHPROOF_MAX_PENDING)', () => {
  let server: HttpServer;
  const change = (n: number) => [{ filepath: 'src/calc/extra.py', content: `X = ${n}\n` }];
  beforeAll(async () => {
    // No worker: what is queued stays pending.
    server = await HttpServer.start({ PATCHPROOF_MAX_PENDING: '1' });
    expect((await server.registerCalc()).status).toBe(201);
  });
  afterAll(async () => server.close());

  it('is refused by every door with queue_full, a replay of an idempotency key never', async () => {
    const first = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change(1) }, headers: { 'idempotency-key': 'first-key' } });
    expect(first.status).toBe(202);
    const firstId = SubmittedView.parse(await first.json()).proposalId;

    // HTTP: 503 with Retry-After; the same request under its key again answers with its proposal.
    const refused = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change(2) } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    const view = ErrorView.parse(await refused.json()).error;
    expect(view.code).toBe('queue_full');
    expect(view.message).toContain('PATCHPROOF_MAX_PENDING');
    const replayed = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: change(1) }, headers: { 'idempotency-key': 'first-key' } });
    expect(replayed.status).toBe(202);
    expect(SubmittedView.parse(await replayed.json()).proposalId).toBe(firstId);

    // MCP over HTTP: an error result with the same code; a replay of its own key is answered.
    const client = await httpClient(`${server.url}/mcp`);
    try {
      const mcp = await client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: change(3), wait: false } });
      expect(mcp.isError).toBe(true);
      expect(textOf(mcp).split('\n')[0]).toMatch(/^queue_full: \d+ proposals are waiting/);
    } finally {
      await client.close();
    }

    // MCP over stdio and the CLI's propose, over the same database.
    const env = { PATCHPROOF_DB_PATH: server.ctx.config.PATCHPROOF_DB_PATH, PATCHPROOF_MAX_PENDING: '1' };
    const session = await stdioSession(['--workers', '0'], env);
    try {
      const stdio = await session.client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: change(4), wait: false } });
      expect(stdio.isError).toBe(true);
      expect(textOf(stdio).split('\n')[0]).toMatch(/^queue_full: /);
    } finally {
      await session.close();
    }
    const file = join(tmpdir(), `patchproof-changes-${randomUUID()}.json`);
    await writeFile(file, JSON.stringify(change(5)));
    const cli = await runCli(['propose', 'calc', '--changes', file, '--json'], env);
    expect(cli.code).toBe(2);
    expect(ErrorView.parse(JSON.parse(cli.stdout)).error.code).toBe('queue_full');
    expect(cli.stderr).toContain('PATCHPROOF_MAX_PENDING');
    expect(cli.stderr).not.toContain('unexpected failure');

    // Nothing was queued by any refusal.
    const list = (await (await server.fetch('/v1/proposals')).json()) as { items: { id: string; title: string | null }[] };
    expect(list.items.map((i) => i.id)).toEqual([firstId]);
  }, 120_000);

  it('still answers a replay over MCP once its key made a proposal', async () => {
    const other = await HttpServer.start({ PATCHPROOF_MAX_PENDING: '1' });
    const client = await httpClient(`${other.url}/mcp`);
    try {
      expect((await other.registerCalc()).status).toBe(201);
      const args = { project: 'calc', changes: change(6), wait: false, idempotency_key: 'mcp-key' };
      const made = structured(await client.callTool({ name: 'validate_proposal', arguments: args }), ValidateProposalView);
      const again = structured(await client.callTool({ name: 'validate_proposal', arguments: args }), ValidateProposalView);
      expect(again.proposalId).toBe(made.proposalId);
    } finally {
      await client.close();
      await other.close();
    }
  });
});

describe('a revalidation past PATCHPROOF_MAX_PENDING', () => {
  let server: HttpServer;
  /** A diff whose hunk does not match: rejected at intake, so a finished proposal without a worker. */
  const notApplying = (n: number) => `--- a/src/calc/__init__.py\n+++ b/src/calc/__init__.py\n@@ -4,2 +4,2 @@\n def sub(a, b):\n-    return a - b + ${n}\n+    return b - a\n`;
  beforeAll(async () => {
    // No worker: what is queued stays pending.
    server = await HttpServer.start({ PATCHPROOF_MAX_PENDING: '2' });
    expect((await server.registerCalc()).status).toBe(201);
  });
  afterAll(async () => server.close());

  it('is refused whole with queue_full naming how many fit, by the CLI, HTTP and MCP', async () => {
    const finished: string[] = [];
    for (const n of [1, 2]) {
      const judged = SubmittedView.parse(await (await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', patch: { text: notApplying(n) } } })).json());
      expect(judged.status).toBe('rejected');
      finished.push(judged.proposalId);
    }
    expect((await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: [{ filepath: 'notes/waiting.txt', content: 'w\n' }] } })).status).toBe(202);
    const rejected = async () => ((await (await server.fetch('/v1/proposals?status=rejected')).json()) as { items: unknown[] }).items.length;

    // The CLI: both of the project's finished proposals, with room for one: none is queued.
    const env = { PATCHPROOF_DB_PATH: server.ctx.config.PATCHPROOF_DB_PATH, PATCHPROOF_MAX_PENDING: '2' };
    const cli = await runCli(['revalidate', '--project', 'calc', '--json'], env);
    expect(cli.code).toBe(2);
    const refusal = ErrorView.parse(JSON.parse(cli.stdout)).error;
    expect(refusal.code).toBe('queue_full');
    expect(refusal.message).toMatch(/^2 proposal\(s\) to queue but room for 1: 1 proposals are waiting .*PATCHPROOF_MAX_PENDING=2.*none was queued: try again later, or revalidate at most 1$/);
    expect(cli.stderr).not.toContain('unexpected failure');
    expect(await rejected()).toBe(2);

    // HTTP: one fits; then the queue is full and the other is 503 with Retry-After, left as it was.
    const [first, second] = finished;
    const queued = await server.fetch(`/v1/proposals/${first}/revalidate`, { method: 'POST' });
    expect(queued.status).toBe(202);
    expect(await queued.json()).toEqual({ queued: [first] });
    const full = await server.fetch(`/v1/proposals/${second}/revalidate`, { method: 'POST' });
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
    expect(ErrorView.parse(await full.json()).error).toMatchObject({ code: 'queue_full', message: expect.stringContaining('room for 0: 2 proposals are waiting') });

    // MCP over HTTP: an error result with the same code.
    const client = await httpClient(`${server.url}/mcp`);
    try {
      const mcp = await client.callTool({ name: 'revalidate', arguments: { proposalIds: [second] } });
      expect(mcp.isError).toBe(true);
      expect(textOf(mcp).split('\n')[0]).toMatch(/^queue_full: 1 proposal\(s\) to queue but room for 0/);
    } finally {
      await client.close();
    }
    expect(await rejected()).toBe(1);
  }, 120_000);
});

describe('script jobs at the doors', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT: '1' });
  });
  afterAll(async () => server.close());

  it("follows a job's events under the open-streams bound, freed when closed", async () => {
    // A schedule that will not come during the test: its stream waits for the first run.
    const created = await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'true', schedule: '0 0 1 1 *' } });
    expect(created.status).toBe(202);
    const job = JobView.parse(await created.json());
    const events = `/v1/jobs/${job.id}/events`;
    const first = await openStream(server.url, events);
    expect(first.status).toBe(200);
    const second = await openStream(server.url, events);
    expect(second.status).toBe(429);
    expect(ErrorView.parse(JSON.parse(await second.body())).error.message).toContain('PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT');
    first.close();
    await vi.waitFor(async () => {
      const again = await openStream(server.url, events);
      again.close();
      expect(again.status).toBe(200);
    }, { timeout: 10_000 });
    expect((await server.fetch(`/v1/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('bounds a job request body by what its schema takes, not by a proposal\'s', async () => {
    const body = JSON.stringify({ type: 'bash', script: 'true', variables: { BIG: 'x'.repeat(20 * 1024 * 1024) } });
    const response = await server.fetch('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    const { error } = ErrorView.parse(await response.json());
    expect(error).toMatchObject({ code: 'too_large', field: 'body' });
    expect(error.message).toContain('14234112 bytes');
  });

  it("refuses a job's input nested too deep naming the field, over HTTP and over MCP stdio", async () => {
    const jobs = async () => ((await (await server.fetch('/v1/jobs')).json()) as { jobs: unknown[] }).jobs.length;
    const before = await jobs();
    const http = await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'true', input: nested(40) } });
    expect(http.status).toBe(400);
    expect(ErrorView.parse(await http.json()).error).toMatchObject({ code: 'invalid_input', field: 'input', message: expect.stringContaining('32 deep') });

    // Over stdio as raw lines: the SDK's client could not even write this input (its JSON.stringify overflows).
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const answer = await rawStdioCall(server.ctx.config.PATCHPROOF_DB_PATH, `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_job","arguments":{"type":"bash","script":"true","input":${deep}}}}`);
    expect(answer).not.toContain('Maximum call stack');
    expect(answer).toContain('32 deep');
    expect(answer).toContain('input');
    // Through the SDK's client, as deep as it can write.
    const session = await stdioSession(['--workers', '0'], { PATCHPROOF_DB_PATH: server.ctx.config.PATCHPROOF_DB_PATH });
    try {
      const result = await session.client.callTool({ name: 'run_job', arguments: { type: 'bash', script: 'true', input: nested(2000) } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/at most 32 deep at input/);
    } finally {
      await session.close();
    }
    expect(await jobs()).toBe(before);
  }, 60_000);
});

describe('whole numbers in a query string', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start();
  });
  afterAll(async () => server.close());

  it('are refused naming the parameter and what to give, when not digits or given twice', async () => {
    for (const path of ['/v1/proposals?limit=abc', '/v1/proposals?limit=5&limit=6', '/v1/jobs?limit=abc', '/v1/jobs?limit=1&limit=2']) {
      const response = await server.fetch(path);
      expect(response.status, path).toBe(400);
      const { error } = ErrorView.parse(await response.json());
      expect(error.field, path).toBe('limit');
      expect(error.message, path).toMatch(/^limit: must be a whole number from 1 to \d+, given once$/);
      expect(error.message, path).not.toContain('NaN');
    }
    const wait = await server.fetch('/v1/proposals?wait=soon', { method: 'POST', json: { project: 'calc', changes: await exampleChanges('good') } });
    expect(ErrorView.parse(await wait.json()).error).toMatchObject({ field: 'wait', message: 'wait: must be a whole number from 0 to 86400, given once' });
  });
});
