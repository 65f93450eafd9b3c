/**
 * The run use case through the doors: POST /v1/run and GET /v1/runtimes on a real server with a
 * real client, the OpenAPI document listing them, bad input refused naming the field, a runtime
 * with no sandbox ready answered 503 `starting` with Retry-After; and the MCP tools run_code and
 * list_runtimes through the SDK's client at /mcp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunCompletedView, RuntimesView } from '../../src/app/views/run-code-view.js';
import { HttpServer } from '../support/http-server.js';
import { httpClient, structured } from '../support/mcp-client.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { ensureImages, IMAGE_BUILD_MS } from './runtime-harness.js';

describe('runs over HTTP and MCP', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_WARM_POOL: 'ruby:1' });
    await ensureImages(server.ctx, ['python', 'ruby']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => {
    await server.close();
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('runs code and shows the runtimes', async () => {
    const response = await server.fetch('/v1/run', { method: 'POST', json: { language: 'python', code: 'import sys\nprint(sys.stdin.read() * 2)', stdin: 'ab' } });
    expect(response.status).toBe(200);
    const view = RunCompletedView.parse(await response.json());
    expect(view).toMatchObject({ status: 'completed', stdout: 'abab\n', exitCode: 0, language: 'python' });

    const runtimes = RuntimesView.parse(await (await server.fetch('/v1/runtimes')).json());
    expect(runtimes.runtimes.map((r) => r.name)).toEqual(['python', 'javascript', 'typescript', 'ruby', 'go', 'java', 'bash', 'rust', 'php']);
    expect(runtimes.runtimes.find((r) => r.name === 'python')).toMatchObject({ state: 'cold', testFrameworks: ['pytest'] });
    expect(runtimes.runtimes.find((r) => r.name === 'ruby')?.target).toBe(1);

    const paths = Object.keys(((await (await server.fetch('/openapi.json')).json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/run', '/v1/runtimes']));
  });

  it('refuses bad input naming the field', async () => {
    const unknown = await server.fetch('/v1/run', { method: 'POST', json: { language: 'cobol', code: 'x' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'invalid_input', field: 'language' } });
    const both = await server.fetch('/v1/run', { method: 'POST', json: { language: 'python' } });
    expect(both.status).toBe(400);
    const noMain = await server.fetch('/v1/run', { method: 'POST', json: { language: 'python', files: [{ filepath: 'other.py', content: 'x' }] } });
    expect(noMain.status).toBe(400);
    expect(await noMain.json()).toMatchObject({ error: { field: 'files' } });
  });

  it('answers 503 starting with Retry-After when asked not to wait for a runtime with nothing ready', async () => {
    const response = await server.fetch('/v1/run', { method: 'POST', json: { language: 'php', code: '<?php echo 1;', wait: false } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({ status: 'starting', language: 'php' });
  });

  it('serves run_code and list_runtimes over MCP', async () => {
    const client = await httpClient(`${server.url}/mcp`);
    try {
      const result = await client.callTool({ name: 'run_code', arguments: { language: 'python', code: 'print(6 * 7)\nraise KeyError("k")' } });
      const view = structured(result, RunCompletedView);
      expect(view).toMatchObject({ stdout: '42\n', error: { type: 'KeyError', file: 'main.py', line: 2 } });
      const listed = structured(await client.callTool({ name: 'list_runtimes', arguments: {} }), RuntimesView);
      expect(listed.runtimes).toHaveLength(9);
    } finally {
      await client.close();
    }
  });
});
