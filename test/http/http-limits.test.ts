/**
 * The API's bounds, as a hostile or careless client meets them on a real server over loopback:
 * a request sent too slowly is cut off (408), open streams are bounded in all and per client
 * address (429; a ?wait past the bound answers 202 at once), bodies too deep or of another type
 * or larger than the route takes are refused naming the body, refusals node and fastify's router
 * make come in the one error view, and a tokenless server refuses requests from other sites.
 * Client addresses: Linux routes all of 127/8 to loopback, so 127.0.0.2 is another client.
 */
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorView } from '../../src/app/views/error-view.js';
import { JobListView } from '../../src/app/views/job-view.js';
import { openWaits } from '../../src/http/server-state.js';
import { exampleChanges, httpClient } from '../support/mcp-client.js';
import { HttpServer } from '../support/http-server.js';

/** Writes `text` on a raw connection (perhaps an unfinished request); resolves with all the server sent once it closes. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    // A connection the server drops at once may end with a reset rather than a close: the same answer, none.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(got) : reject(error)));
    socket.on('close', () => resolve(got));
    socket.write(text);
  });
}

/** The status and error view of a raw HTTP answer. */
function parseRaw(answer: string): { status: number; error: ErrorView['error'] } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  return { status, error: ErrorView.parse(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).error };
}

/** A GET held open (an event stream) from `localAddress`: its status, and a way to end it. */
function openStream(url: string, path: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; body: () => Promise<string>; close: () => void }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, localAddress, headers, agent: false }, (res) => {
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

describe('a request sent too slowly', () => {
  it('is cut off with 408 in the error view when its body trickles in (slow loris)', async () => {
    const server = await HttpServer.start({ PATCHPROOF_HTTP_REQUEST_TIMEOUT_S: '1' });
    try {
      const port = Number(new URL(server.url).port);
      // Headers whole, then a tenth of the body announced, and nothing more: the server must not wait for ever.
      const answer = await rawExchange(port, 'POST /v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":');
      const { status, error } = parseRaw(answer);
      expect(status).toBe(408);
      expect(error.message).toContain('PATCHPROOF_HTTP_REQUEST_TIMEOUT_S');
      expect((await server.fetch('/v1/projects')).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('connections', () => {
  it('are bounded: past PATCHPROOF_HTTP_MAX_CONNECTIONS a new one is closed unanswered, and room comes back', async () => {
    const server = await HttpServer.start({ PATCHPROOF_HTTP_MAX_CONNECTIONS: '3' });
    const port = Number(new URL(server.url).port);
    /** A keep-alive connection that was answered once and stays open. */
    const held = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('data', () => resolve(socket));
        socket.on('error', reject);
        socket.write('GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 3; i += 1) sockets.push(await held());
      expect(await rawExchange(port, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toBe('');
      sockets.pop()?.destroy();
      await vi.waitFor(async () => expect(await rawExchange(port, 'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200/), { timeout: 10_000 });
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  });
});

describe('open streams', () => {
  let server: HttpServer;
  let proposal: string;
  beforeAll(async () => {
    // No worker: the proposal stays pending, so its event stream stays open.
    server = await HttpServer.start({ PATCHPROOF_HTTP_MAX_STREAMS: '3', PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT: '2', PATCHPROOF_HTTP_MAX_WAIT_S: '3600' });
    expect((await server.registerCalc()).status).toBe(201);
    const submitted = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', title: 'held', changes: await exampleChanges('good') } });
    expect(submitted.status).toBe(202);
    proposal = ((await submitted.json()) as { proposalId: string }).proposalId;
  });
  afterAll(async () => server.close());

  it('are bounded per client and in all, refused with 429 naming the variable, and freed when closed', async () => {
    const events = `/v1/proposals/${proposal}/events`;
    const first = [await openStream(server.url, events, '127.0.0.1'), await openStream(server.url, events, '127.0.0.1')];
    expect(first.map((s) => s.status)).toEqual([200, 200]);

    const third = await openStream(server.url, events, '127.0.0.1');
    expect(third.status).toBe(429);
    const refused = ErrorView.parse(JSON.parse(await third.body())).error;
    expect(refused.code).toBe('too_many_requests');
    expect(refused.message).toContain('PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT');

    // Another client still gets one: the per-client bound left room in all.
    const other = await openStream(server.url, events, '127.0.0.2');
    expect(other.status).toBe(200);
    const full = await openStream(server.url, events, '127.0.0.3');
    expect(full.status).toBe(429);
    expect(ErrorView.parse(JSON.parse(await full.body())).error.message).toContain('PATCHPROOF_HTTP_MAX_STREAMS');

    // The dashboard's live stream and the MCP endpoint count too.
    expect((await openStream(server.url, '/live/proposals', '127.0.0.3')).status).toBe(429);
    const mcp = await server.fetch('/mcp', { method: 'POST', json: { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers: { accept: 'application/json, text/event-stream' } });
    expect(mcp.status).toBe(429);
    expect(mcp.headers.get('retry-after')).not.toBeNull();

    // A ?wait past the bound is answered at once with 202 (the wait is an hour here).
    const waited = await server.fetch('/v1/proposals?wait=3600', { method: 'POST', json: { project: 'calc', title: 'waits', changes: await exampleChanges('bad') } });
    expect(waited.status).toBe(202);

    for (const stream of [...first, other]) stream.close();
    await vi.waitFor(() => expect(openWaits(server.app)).toBe(0), { timeout: 10_000 });
    const again = await openStream(server.url, events, '127.0.0.1');
    expect(again.status).toBe(200);
    again.close();
  }, 60_000);
});

describe('request bodies and URLs', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start();
  });
  afterAll(async () => server.close());

  it('refuses JSON nested deeper than any request of ours, naming the body, never a 500', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const [path, body] of [
      ['/v1/jobs', `{"type":"bash","script":"echo hi","input":${deep(100_000)}}`],
      ['/v1/projects', `{"name":"calc","dir":${deep(20_000)}}`],
    ] as const) {
      const response = await server.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status, path).toBe(400);
      const { error } = ErrorView.parse(await response.json());
      expect(error).toMatchObject({ code: 'invalid_input', field: 'body' });
      expect(error.message).toContain('64 deep');
    }
    expect(JobListView.parse(await (await server.fetch('/v1/jobs')).json()).jobs).toEqual([]);
  });

  it('answers a text/plain body with 415 naming application/json', async () => {
    const response = await server.fetch('/v1/projects', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'calc', dir: server.project }) });
    expect(response.status).toBe(415);
    expect(ErrorView.parse(await response.json()).error.message).toContain('application/json');
  });

  it('bounds a body by what its route takes, not by the proposals\' limit', async () => {
    const response = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'calc', dir: server.project, testCommand: 'x'.repeat(100_000) } });
    expect(response.status).toBe(413);
    const { error } = ErrorView.parse(await response.json());
    expect(error).toMatchObject({ code: 'too_large', field: 'body' });
    expect(error.message).toContain('65536 bytes');
  });

  it('answers a path segment too long and headers too large in the error view', async () => {
    const long = await server.fetch(`/v1/proposals/${'a'.repeat(101)}`);
    expect(long.status).toBe(414);
    expect(ErrorView.parse(await long.json()).error).toMatchObject({ code: 'too_large', field: 'path' });

    const port = Number(new URL(server.url).port);
    const big = parseRaw(await rawExchange(port, `GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.error).toMatchObject({ code: 'too_large', field: 'headers' });
  });
});

describe('a tokenless server and other sites', () => {
  let server: HttpServer;
  let proposal: string;
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_CORS_ORIGINS: 'https://ui.example' });
    expect((await server.registerCalc()).status).toBe(201);
    const submitted = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', title: 'x', changes: await exampleChanges('good') } });
    proposal = ((await submitted.json()) as { proposalId: string }).proposalId;
  });
  afterAll(async () => server.close());

  it('refuses a bodyless POST a page elsewhere could send (no preflight), and answers its own pages and configured origins', async () => {
    const path = `/v1/proposals/${proposal}/revalidate`;
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1']) {
      const response = await server.fetch(path, { method: 'POST', headers: { origin } });
      expect(response.status, origin).toBe(403);
      expect(ErrorView.parse(await response.json()).error).toMatchObject({ code: 'forbidden', field: 'origin' });
    }
    const own = new URL(server.url).origin;
    for (const origin of [own, 'https://ui.example']) expect((await server.fetch(path, { method: 'POST', headers: { origin } })).status, origin).toBe(202);
    expect((await server.fetch(path, { method: 'POST' })).status).toBe(202);
  });
});

describe('MCP tool arguments', () => {
  it('are bounded, so a huge argument is refused naming it, not echoed back in the result', async () => {
    const server = await HttpServer.start();
    const client = await httpClient(`${server.url}/mcp`);
    try {
      const huge = 'a'.repeat(1024 * 1024);
      for (const [tool, args, field] of [
        ['get_proposal', { id: huge }, 'id'],
        ['list_proposals', { cursor: huge }, 'cursor'],
        ['fetch_project', { name: huge }, 'name'],
        ['validate_proposal', { project: huge, patch: 'x', wait: false }, 'project'],
      ] as const) {
        const result = await client.callTool({ name: tool, arguments: args });
        const text = JSON.stringify(result.content);
        expect(result.isError, tool).toBe(true);
        expect(text.length, tool).toBeLessThan(4096);
        expect(text, tool).toContain(field);
      }
    } finally {
      await client.close();
      await server.close();
    }
  });
});
