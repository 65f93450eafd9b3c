/**
 * Git projects through the network doors: POST /v1/projects with `git` and `ref`, a proposal
 * submitted with `base` and judged by the server's worker on that commit, the refs that moved
 * from POST /v1/projects/{name}/fetch; and the MCP tools (add_project with git, fetch_project,
 * validate_proposal with base) through the SDK's own client at /mcp.
 */
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProjectFetchView } from '../../src/app/views/project-fetch-view.js';
import { ProjectView } from '../../src/app/views/project-view.js';
import { ProposalView, SubmittedView } from '../../src/app/views/proposal-view.js';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { type GitRepo, gitRepo, SUB_TEST } from '../support/git-repo.js';
import { HttpServer } from '../support/http-server.js';
import { httpClient, structured, textOf } from '../support/mcp-client.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

describe('git projects over HTTP and MCP', () => {
  let server: HttpServer;
  let repo: GitRepo;
  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-http-git-'));
    repo = await gitRepo(work);
    server = await HttpServer.start({ PATCHPROOF_GIT_DIR: join(work, 'git') }, { workers: 1 });
  });
  afterAll(async () => {
    await server?.close();
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('registers a git project, judges a proposal on the commit it names, and fetches', async () => {
    const added = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'calc', git: repo.url, ref: 'main' } });
    expect(added.status).toBe(201);
    expect(ProjectView.parse(await added.json()).git).toMatchObject({ url: repo.url, ref: 'main', commit: repo.main });
    const both = await server.fetch('/v1/projects', { method: 'POST', json: { name: 'both', git: repo.url, dir: '/tmp' } });
    expect(both.status).toBe(400);

    const response = await server.fetch('/v1/proposals?wait=300', { method: 'POST', json: { project: 'calc', title: 'sub on old', base: repo.old, changes: [{ filepath: 'tests/test_sub_more.py', content: SUB_TEST }] } });
    expect(response.status).toBe(200);
    const judged = ProposalView.parse(await response.json());
    expect(judged).toMatchObject({ status: 'rejected', baseCommit: repo.old });
    const unknown = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', base: 'feedfacefeedface', changes: [{ filepath: 'x.txt', content: 'x' }] } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'base' } });

    const next = await repo.push({ path: 'README.md', content: 'now with a readme\n' });
    const fetched = await server.fetch('/v1/projects/calc/fetch', { method: 'POST' });
    expect(fetched.status).toBe(200);
    expect(ProjectFetchView.parse(await fetched.json())).toMatchObject({ commit: next, moved: [{ ref: 'refs/heads/main', from: repo.main, to: next }] });
  });

  it('takes the same fields through the MCP tools', async () => {
    const client = await httpClient(`${server.url}/mcp`);
    try {
      const added = structured(await client.callTool({ name: 'add_project', arguments: { name: 'calc-mcp', git: repo.url, ref: 'v1' } }), ProjectView);
      expect(added.git).toMatchObject({ ref: 'v1', commit: repo.old });
      expect(structured(await client.callTool({ name: 'fetch_project', arguments: { name: 'calc-mcp' } }), ProjectFetchView).commit).toBe(repo.old);
      const queued = structured(await client.callTool({ name: 'validate_proposal', arguments: { project: 'calc-mcp', base: 'twin', wait: false, changes: [{ filepath: 'tests/test_sub_more.py', content: SUB_TEST }] } }), ValidateProposalView);
      expect(SubmittedView.parse(queued.submitted).baseCommit).toBe(repo.twin);
      const refused = await client.callTool({ name: 'add_project', arguments: { name: 'nope', git: repo.url, ref: 'no-such-ref' } });
      expect(z.object({ isError: z.literal(true) }).parse(refused).isError).toBe(true);
      expect(textOf(refused)).toMatch(/field "ref".*ref "no-such-ref" is not a branch, tag or commit/);
    } finally {
      await client.close();
    }
  });
});
