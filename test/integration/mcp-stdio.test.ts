/**
 * `patchproof mcp` through the SDK's own client over stdio, as an agent's MCP host runs it: the
 * built CLI spawned with a temporary SQLite file, its in-process worker slot judging the example
 * project's good and bad proposals against the real engine.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ErrorView } from '../../src/app/views/error-view.js';
import { ProjectListView, ProjectView } from '../../src/app/views/project-view.js';
import { ProposalListPage } from '../../src/app/views/proposal-list-view.js';
import { ProposalView } from '../../src/app/views/proposal-view.js';
import { ValidateProposalView } from '../../src/mcp/tools/validate-proposal.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { callWithProgress, exampleChanges, stdioSession, structured, textOf, type StdioSession } from '../support/mcp-client.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';
import { runCli } from '../support/run-cli.js';
import { waitFor } from '../support/worker-harness.js';

const TOOLS = ['add_project', 'build_and_execute_from_git', 'delete_job', 'execute_container', 'execute_with_payload', 'fetch_project', 'get_proposal', 'list_containers', 'list_projects', 'list_proposals', 'list_runtimes', 'revalidate', 'run_code', 'run_job', 'stop_container', 'validate_proposal'];

describe('patchproof mcp over stdio', () => {
  let env: Record<string, string>;
  let session: StdioSession;

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-stdio-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    session = await stdioSession([], env);
    const added = await session.client.callTool({ name: 'add_project', arguments: { name: 'calc', dir: await scratchProject() } });
    expect(structured(added, ProjectView)).toMatchObject({ name: 'calc', detected: { framework: 'pytest' } });
  });

  afterAll(async () => {
    await session?.close();
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  it('lists the tools, each with an input and an output schema', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const validate = tools.find((t) => t.name === 'validate_proposal');
    expect(Object.keys(validate?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['project', 'changes', 'patch', 'title', 'author', 'overrides', 'wait']));
    expect(validate?.inputSchema.required).toEqual(['project']);
  });

  it('validates the good proposal to executed, with progress notifications while it waits', async () => {
    const { result, progress } = await callWithProgress(session.client, 'validate_proposal', { project: 'calc', changes: await exampleChanges('good'), title: 'add mul', author: 'mcp-test' });
    const view = structured(result, ValidateProposalView);
    expect(view).toMatchObject({ status: 'executed', done: true, note: null });
    const run = view.proposal.validations.at(-1);
    expect(run?.outcome).toBe('executed');
    expect(run?.tests.filter((t) => t.status === 'passed').map((t) => t.name)).toEqual(expect.arrayContaining(['test_add', 'test_mul']));
    // The proposal's own events, as notifications: claimed, its phases, then the verdict.
    const messages = progress.map((p) => p.message ?? '');
    expect(messages.some((m) => m.startsWith('claimed by '))).toBe(true);
    expect(messages).toContain('test started');
    expect(messages.at(-1)).toMatch(/^executed: /);
    const values = progress.map((p) => p.progress);
    expect(values.every((v, i) => i === 0 || v > (values[i - 1] ?? 0))).toBe(true);
  });

  it('validates the bad proposal to rejected, naming the broken test', async () => {
    const { result, progress } = await callWithProgress(session.client, 'validate_proposal', { project: 'calc', changes: await exampleChanges('bad'), title: 'break add' });
    const view = structured(result, ValidateProposalView);
    expect(view).toMatchObject({ status: 'rejected', done: true });
    expect(view.reason).toMatch(/test_add/);
    const failed = view.proposal.validations.at(-1)?.tests.filter((t) => t.status === 'failed' || t.status === 'error');
    expect(failed?.map((t) => t.name)).toEqual(['test_add']);
    expect(progress.map((p) => p.message).at(-1)).toMatch(/^rejected: .*test_add/);
  });

  it('returns the id at once with wait: false; get_proposal and list_proposals find it', async () => {
    const change = [{ filepath: 'tests/test_extra.py', content: 'def test_extra():\n    assert 1 + 1 == 2\n' }];
    const view = structured(await session.client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: change, title: 'no wait', wait: false } }), ValidateProposalView);
    expect(view.done).toBe(false);
    expect(['pending', 'running']).toContain(view.status);
    expect(view.note).toMatch(/wait: false/);
    const shown = structured(await session.client.callTool({ name: 'get_proposal', arguments: { id: view.proposalId } }), ProposalView);
    expect(shown).toMatchObject({ id: view.proposalId, title: 'no wait', changes: [{ filepath: 'tests/test_extra.py', kind: 'write' }] });
    const page = structured(await session.client.callTool({ name: 'list_proposals', arguments: { project: 'calc', limit: 10 } }), ProposalListPage);
    expect(page.items.map((i) => i.title)).toEqual(['no wait', 'break add', 'add mul']);
    expect(page.nextCursor).toBeNull();
    const projects = structured(await session.client.callTool({ name: 'list_projects', arguments: {} }), ProjectListView);
    expect(projects.projects.map((p) => p.name)).toEqual(['calc']);
    // Waiting on it now ends with its verdict (the same change again reuses it, or waits for it).
    const again = structured((await callWithProgress(session.client, 'validate_proposal', { project: 'calc', changes: change, title: 'no wait, again' })).result, ValidateProposalView);
    expect(again).toMatchObject({ status: 'executed', done: true });
  });

  it('answers bad input with an isError result naming the field and what to fix', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['validate_proposal', { project: 'nope', changes: [{ filepath: 'a.py', content: '' }] }, 'not_found', 'project'],
      ['validate_proposal', { project: 'calc', changes: [{ filepath: '../escape.py', content: 'x' }] }, 'invalid_input', 'changes.0'],
      ['validate_proposal', { project: 'calc' }, 'invalid_input', 'changes'],
      ['validate_proposal', { project: 'calc', changes: [{ filepath: 'a.py', content: '' }], title: 'bell\u0007' }, 'invalid_input', 'title'],
      ['get_proposal', { id: 'no-such-id' }, 'not_found', 'id'],
      ['list_proposals', { cursor: 'forged' }, 'invalid_input', 'cursor'],
      ['add_project', { name: '../x', dir: '/tmp' }, 'invalid_input', 'name'],
      ['revalidate', {}, 'invalid_input', 'proposalIds'],
    ];
    for (const [name, args, code, field] of cases) {
      const result = await session.client.callTool({ name, arguments: args });
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      const text = textOf(result);
      expect(text.split('\n')[0]).toMatch(new RegExp(`^${code} \\(field "${field}"\\): `));
      expect(ErrorView.parse(JSON.parse(text.split('\n')[1] ?? '')).error).toMatchObject({ code, field });
    }
    // A change outside the project names the entry, so the agent knows which one to fix.
    const escape = await session.client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: [{ filepath: '../escape.py', content: 'x' }] } });
    expect(textOf(escape)).toMatch(/changes\[0\]: filepath "\.\.\/escape\.py"/);
    // A value of the wrong type is refused by the SDK against the advertised schema, naming the path.
    const typed = await session.client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: 'src/calc.py' } });
    expect(typed.isError).toBe(true);
    expect(textOf(typed)).toMatch(/Invalid arguments for tool validate_proposal: .* at changes/);
    // Nothing was stored for any refusal.
    const page = structured(await session.client.callTool({ name: 'list_proposals', arguments: { project: 'calc' } }), ProposalListPage);
    expect(page.items.map((i) => i.title)).not.toContain('bell\u0007');
    expect(page.items).toHaveLength(4);
  });

  it('keeps stdout to the protocol: the client saw no stray output, the logs went to stderr', () => {
    expect(session.errors).toEqual([]);
    expect(session.stderr()).toMatch(/serving MCP over stdio with 1 in-process worker slot/);
  });
});

describe('patchproof mcp when its client leaves mid-validation', () => {
  it('stops the running validation, removes its container and queues the proposal again', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-leave-'));
    const env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_POLL_INTERVAL_MS: '100' };
    const store = storeLabel(loadConfig(env));
    const session = await stdioSession([], env);
    let closed = false;
    try {
      structured(await session.client.callTool({ name: 'add_project', arguments: { name: 'calc', dir: await scratchProject() } }), ProjectView);
      const slow = [{ filepath: 'tests/test_slow.py', content: 'import time\n\n\ndef test_slow():\n    time.sleep(120)\n' }];
      const view = structured(await session.client.callTool({ name: 'validate_proposal', arguments: { project: 'calc', changes: slow, wait: false } }), ValidateProposalView);
      // Caught while running (its baseline done by then) with a container up: its own, and maybe the
      // worker's warm sandbox refilled beside it (a warm sandbox is the worker's until one is taken).
      await waitFor('the slow test to run', async () => {
        const shown = structured(await session.client.callTool({ name: 'get_proposal', arguments: { id: view.proposalId } }), ProposalView);
        return shown.status === 'running' && (await leftovers(docker, { store })).containers.length >= 1;
      }, 120_000);
      await session.close();
      closed = true;
      expect(session.stderr()).toMatch(/client closed the connection: stopping/);
      expect(await leftovers(docker, { store })).toEqual({ containers: [], volumes: [] });
      const shown = await runCli(['proposals', 'show', view.proposalId, '--json'], env);
      expect(ProposalView.parse(JSON.parse(shown.stdout))).toMatchObject({ status: 'pending', validations: [] });
    } finally {
      if (!closed) await session.close();
    }
  });
});
