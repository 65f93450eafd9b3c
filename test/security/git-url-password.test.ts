/**
 * Attack: a git project URL carrying a password or token, through the CLI, HTTP and MCP. It must
 * be refused with the way out named (a credential helper or an ssh agent), and the secret must
 * appear nowhere: not in any output or error, not in the database file, no project row and no
 * mirror on disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../support/http-server.js';
import { httpClient, textOf } from '../support/mcp-client.js';
import { runCli } from '../support/run-cli.js';

const SECRET = 'hunter2-s3cret-value';
const URLS = [`https://agent:${SECRET}@127.0.0.1/calc.git`, `https://${SECRET}@127.0.0.1/calc.git`, `ssh://git:${SECRET}@127.0.0.1/calc.git`];

describe('a git URL with credentials', () => {
  let work: string;
  let server: HttpServer;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-git-secret-'));
    server = await HttpServer.start({ PATCHPROOF_DB_PATH: join(work, 'http.sqlite'), PATCHPROOF_GIT_DIR: join(work, 'git') });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is refused by every door, naming the way out, and the secret is stored and shown nowhere', async () => {
    const env = { PATCHPROOF_DB_PATH: join(work, 'cli.sqlite'), PATCHPROOF_GIT_DIR: join(work, 'git') };
    const client = await httpClient(`${server.url}/mcp`);
    const said: string[] = [];
    try {
      for (const url of URLS) {
        const cli = await runCli(['projects', 'add', 'leak', '--git', url], env);
        expect(cli.code).toBe(2);
        expect(cli.stderr).toMatch(/carries credentials: .*credential helper.*ssh agent/);
        said.push(cli.stdout, cli.stderr);

        const http = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'leak', git: url } });
        expect(http.status).toBe(400);
        const body = await http.text();
        expect(body).toMatch(/"field":"git"/);
        said.push(body);

        const mcp = await client.callTool({ name: 'add_project', arguments: { name: 'leak', git: url } });
        expect(mcp.isError).toBe(true);
        said.push(textOf(mcp));
      }
    } finally {
      await client.close();
    }
    for (const text of said) expect(text).not.toContain(SECRET);
    expect(said.join('\n')).toContain('***@127.0.0.1');

    expect(JSON.parse((await runCli(['projects', 'list', '--json'], env)).stdout)).toEqual([]);
    expect(await (await server.fetch('/v1/projects')).json()).toEqual({ projects: [], nextCursor: null });
    expect(await readdir(join(work, 'git')).catch(() => [])).toEqual([]);
    for (const db of ['cli.sqlite', 'cli.sqlite-wal', 'http.sqlite', 'http.sqlite-wal']) {
      const bytes = await readFile(join(work, db)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    }
  });
});
