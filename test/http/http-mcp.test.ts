/**
 * The MCP server on `patchproof serve`, at /mcp: the SDK's own client over streamable HTTP, under
 * the API's token rule, validating a proposal of the example project through the server's own
 * in-process worker, with progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { HttpServer } from '../support/http-server.js';
import { callWithProgress, exampleChanges, httpClient, structured } from '../support/mcp-client.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const TOKEN = 'mcp-on-serve-token-0123456789';

describe('MCP at /mcp on patchproof serve', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start({ PATCHPROOF_API_TOKENS: TOKEN }, { workers: 1 });
    expect((await server.fetch('/v1/projects', { method: 'POST', json: { name: 'calc', dir: server.project }, headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('refuses a client without the token, as the API does', async () => {
    const response = await server.fetch('/mcp', { method: 'POST', json: { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers: { accept: 'application/json, text/event-stream' } });
    expect(response.status).toBe(401);
    await expect(httpClient(`${server.url}/mcp`)).rejects.toThrow();
  });

  it('lists the tools and validates a proposal with progress, through the server worker', async () => {
    const client = await httpClient(`${server.url}/mcp`, TOKEN);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['validate_proposal', 'get_proposal', 'list_proposals', 'list_projects', 'add_project', 'revalidate']));
      const { result, progress } = await callWithProgress(client, 'validate_proposal', { project: 'calc', title: 'add mul', changes: await exampleChanges('good') });
      const view = structured(result, ValidateProposalView);
      expect(view.status, JSON.stringify(view)).toBe('executed');
      expect(view.done).toBe(true);
      expect(progress.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
