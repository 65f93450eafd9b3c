/**
 * Who may call the API: bearer tokens when PATCHPROOF_API_TOKENS is set (401 without one or with
 * a wrong one, and nothing stored), loopback only without tokens (serve refuses another address;
 * a request naming another Host is refused), CORS only for configured origins. Also `serve` as
 * an operator runs it: it listens, answers, and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { CLI, runCli } from '../support/run-cli.js';
import { HttpServer } from '../support/http-server.js';

const TOKENS = ['first-token-0123456789', 'second-token-abcdefghij'];

describe('with bearer tokens', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_API_TOKENS: TOKENS.join(',') });
  });
  afterAll(async () => server.close());

  it('answers 401 without a token or with a wrong one, on every route, and stores nothing', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['none', {}],
      ['wrong', { authorization: 'Bearer first-token-0123456788' }],
      ['shorter', { authorization: 'Bearer first' }],
      ['not bearer', { authorization: `Basic ${TOKENS[0]}` }],
    ];
    for (const [what, headers] of attempts) {
      for (const path of ['/v1/projects', '/v1/health', '/openapi.json', '/v1/proposals']) {
        const response = await server.fetch(path, { headers });
        expect(response.status, `${what} ${path}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
      const post = await server.fetch('/v1/projects', { method: 'POST', headers, json: { name: 'calc', dir: server.project } });
      expect(post.status).toBe(401);
    }
    const list = await server.fetch('/v1/projects', { headers: { authorization: `Bearer ${TOKENS[1]}` } });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ projects: [], nextCursor: null });
  });

  it('accepts each configured token', async () => {
    for (const token of TOKENS) expect((await server.fetch('/v1/health', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const created = await server.fetch('/v1/projects', { method: 'POST', headers: { authorization: `Bearer ${TOKENS[0]}` }, json: { name: 'calc', dir: server.project } });
    expect(created.status).toBe(201);
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const response = await server.fetch('/v1/health', { headers: { authorization: `Bearer ${TOKENS[0]}`, origin: 'https://ui.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS', () => {
  it('answers only the configured origins, preflights included', async () => {
    const server = await HttpServer.start({ PATCHPROOF_CORS_ORIGINS: 'https://ui.example' });
    try {
      const allowed = await server.fetch('/v1/health', { headers: { origin: 'https://ui.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ui.example');
      const other = await server.fetch('/v1/health', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await server.fetch('/v1/proposals', { method: 'OPTIONS', headers: { origin: 'https://ui.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    } finally {
      await server.close();
    }
  });
});

describe('without tokens', () => {
  it('refuses a request whose Host is not a loopback name', async () => {
    const server = await HttpServer.start();
    try {
      const port = new URL(server.url).port;
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/v1/health', headers: { host: `rebound.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(401);
      expect((await server.fetch('/v1/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to start on another address, naming the variable', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-http-'));
    const run = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_API_TOKENS: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PATCHPROOF_API_TOKENS');
    expect(run.stderr).toContain('0.0.0.0');
    expect(run.stdout).toBe('');
  });
});

describe('patchproof serve', () => {
  it('listens on all addresses with tokens, answers, and stops on SIGTERM', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-http-'));
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0', '--workers', '1', '--no-schedules'], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_API_TOKENS: TOKENS[0] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.on('close', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const port = new URL(url).port;
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`, { headers: { authorization: `Bearer ${TOKENS[0]}` } });
    expect(health.status).toBe(200);
    expect(((await health.json()) as { workers: { inProcess: number } }).workers.inProcess).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(TOKENS[0]);
  });
});
