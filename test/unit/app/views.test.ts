/**
 * The application layer's views: each schema converts to JSON Schema (for OpenAPI and MCP output
 * schemas), real use-case outputs parse, the paging cursor round-trips and refuses forgeries, and
 * errors map to the one error view by code.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContext } from '../../../src/app/context.js';
import { errorView } from '../../../src/app/error-mapping.js';
import { decodeCursor, encodeCursor, pageLimit } from '../../../src/app/paging-cursor.js';
import { listProposals } from '../../../src/app/use-cases/list-proposals.js';
import { addProject, listProjects, showProject } from '../../../src/app/use-cases/projects.js';
import { showProposal } from '../../../src/app/use-cases/show-proposal.js';
import { stats } from '../../../src/app/use-cases/stats.js';
import { submit } from '../../../src/app/use-cases/submit.js';
import { BaselineView } from '../../../src/app/views/baseline-view.js';
import { ErrorView } from '../../../src/app/views/error-view.js';
import { ProgressEventView } from '../../../src/app/views/progress-event-view.js';
import { ProjectListView, ProjectView } from '../../../src/app/views/project-view.js';
import { ProposalListPage } from '../../../src/app/views/proposal-list-view.js';
import { ProposalView, RevalidateView, SubmittedView } from '../../../src/app/views/proposal-view.js';
import { StatsView } from '../../../src/app/views/stats-view.js';
import { ValidationResultView } from '../../../src/app/views/validation-result-view.js';
import { loadConfig } from '../../../src/config.js';
import { InfraError } from '../../../src/errors/infra-error.js';
import { UsageError } from '../../../src/errors/usage-error.js';
import { InputError } from '../../../src/errors/input-error.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';

const VIEWS = { BaselineView, ErrorView, ProgressEventView, ProjectListView, ProjectView, ProposalListPage, ProposalView, RevalidateView, SubmittedView, StatsView, ValidationResultView };

describe('views', () => {
  it.each(Object.entries(VIEWS))('%s converts to JSON Schema', (_name, schema) => {
    const json = z.toJSONSchema(schema, { io: 'output' });
    expect(json.type === 'object' || json.type === 'array' || Array.isArray(json.oneOf) || Array.isArray(json.anyOf)).toBe(true);
  });

  it('real use-case outputs parse with their views, and a list never holds changes', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-views-'));
    const ctx = createContext(loadConfig({ PATCHPROOF_DB_PATH: join(work, 'db.sqlite') }));
    try {
      const project = ProjectView.parse(await addProject(ctx, { name: 'calc', dir: join(PACKAGE_ROOT, 'examples/calc') }));
      expect(project.detected?.framework).toBe('pytest');
      ProjectListView.parse(await listProjects(ctx));
      ProjectView.parse(await showProject(ctx, 'calc'));
      const submitted = SubmittedView.parse(await submit(ctx, { project: 'calc', changes: [{ kind: 'write', path: 'tests/test_x.py', content: Buffer.from('def test_x():\n    pass\n') }], overrides: { timeoutS: 30 }, author: 'a' }));
      expect(submitted).toMatchObject({ status: 'pending', overrides: { timeoutS: 30 } });
      const shown = ProposalView.parse(await showProposal(ctx, submitted.proposalId));
      expect(shown.overrides).toEqual({ timeoutS: 30 });
      const page = ProposalListPage.parse(await listProposals(ctx, { author: 'a' }));
      expect(page.items.map((i) => i.id)).toEqual([submitted.proposalId]);
      expect(JSON.stringify(page)).not.toContain('test_x');
      StatsView.parse(await stats(ctx));
    } finally {
      await ctx.close();
    }
  });
});

describe('the paging cursor', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor({ createdAt: 1_764_800_000_123, id: 'abc-1' }))).toEqual({ createdAt: 1_764_800_000_123, id: 'abc-1' });
  });

  it.each(['', 'not a cursor!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[-1,"x"]').toString('base64url')])('refuses %j, naming the field', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InputError);
    expect(errorView(catching(() => decodeCursor(cursor)))).toMatchObject({ error: { code: 'invalid_input', field: 'cursor' } });
  });

  it('bounds the page size', () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit(200)).toBe(200);
    expect(() => pageLimit(201)).toThrow(/1 to 200/);
    expect(() => pageLimit(0)).toThrow(/1 to 200/);
  });
});

describe('error mapping', () => {
  it('keeps an input error\'s code and field', () => {
    expect(errorView(new UsageError('no project named "x"', {}, { code: 'not_found', field: 'project' }))).toEqual({ error: { code: 'not_found', message: 'no project named "x"', field: 'project' } });
    expect(errorView(new UsageError('bad'))).toEqual({ error: { code: 'invalid_input', message: 'bad' } });
  });

  it('tells the engine and the database apart from anything else, by code', () => {
    expect(errorView(new InfraError('ENGINE_UNREACHABLE', 'no engine')).error.code).toBe('engine_unavailable');
    expect(errorView(new InfraError('STORAGE_FAILED', 'no db')).error.code).toBe('storage_unavailable');
    expect(errorView(new InfraError('LEASE_LOST', 'lost')).error.code).toBe('internal');
    expect(errorView(new Error('engine unreachable')).error.code).toBe('internal');
    for (const e of [new UsageError('x'), new InfraError('ABORTED', 'y'), 'z']) ErrorView.parse(errorView(e));
  });
});

function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}
