/**
 * Answers that could grow without bound are paged on every door, on a real server over loopback
 * and through the SDK's MCP client: the projects a page at a time by name, the images and
 * containers up to a limit with how many there are, and a proposal revalidated many times (its
 * validations stored straight into its SQLite file, each with tests) answering its latest
 * validations with their tests, older ones summarized, and a cursor back to the rest.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorView } from '../../src/app/views/error-view.js';
import { ImageListView } from '../../src/app/views/image-view.js';
import { ProjectListView } from '../../src/app/views/project-view.js';
import { ProposalView, SubmittedView } from '../../src/app/views/proposal-view.js';
import { ContainerListView } from '../../src/app/views/run-view.js';
import { TestCaseEntity } from '../../src/storage/entities/test-case-entity.js';
import { ValidationEntity, type ValidationRow } from '../../src/storage/entities/validation-entity.js';
import { HttpServer } from '../support/http-server.js';
import { httpClient, structured } from '../support/mcp-client.js';

const VALIDATIONS = 65;

describe('paged answers', () => {
  let server: HttpServer;
  let proposal: string;
  /** The seeded validations' ids, oldest first. */
  const ids: string[] = [];
  beforeAll(async () => {
    server = await HttpServer.start();
    for (const name of ['calc', 'calc-b', 'calc-c']) expect((await server.registerCalc(name)).status).toBe(201);
    const submitted = await server.fetch('/v1/proposals', { method: 'POST', json: { project: 'calc', changes: [{ filepath: 'src/calc/extra.py', content: 'X = 1\n' }] } });
    proposal = SubmittedView.parse(await submitted.json()).proposalId;
    const db = (await server.ctx.storage()).db;
    const at = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < VALIDATIONS; i += 1) {
      const id = randomUUID();
      ids.push(id);
      const row: ValidationRow = {
        id, proposalId: proposal, kind: i === 0 ? 'validation' : 'revalidation', previousOutcome: null, outcome: 'executed', reason: `run ${i}`, reasonCode: 'passed',
        framework: 'pytest', frameworkReason: null, image: null, imageBuilt: false, containerId: null, worker: null, exitCode: 0, timedOut: false, oomKilled: false,
        outputLimitExceeded: false, testsTotal: 2, testsPassed: 2, testsFailed: 0, testsErrors: 0, testsSkipped: 0, coverageLines: null, coverageBranches: null,
        durations: {}, cpuNanos: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null, log: '', testEdits: null, changedLines: null, coverageDelta: null,
        truncated: null, reruns: null, comparison: null, startedAt: at + i * 1000, finishedAt: at + i * 1000 + 500,
      };
      await db.getRepository(ValidationEntity).insert(row);
      await db.getRepository(TestCaseEntity).insert(['a', 'b'].map((name) => ({ validationId: id, suite: 's', name, file: null, status: 'passed' as const, durationMs: 1, message: null })));
    }
  });
  afterAll(async () => server.close());

  it("answers a proposal's latest validations with their tests, older ones without, and a cursor back to the rest, on HTTP and MCP", async () => {
    const raw = (await (await server.fetch(`/v1/proposals/${proposal}`)).json()) as { olderValidations: Record<string, unknown>[] };
    const first = ProposalView.parse(raw);
    expect(first.validationsTotal).toBe(VALIDATIONS);
    expect(first.validations.map((v) => v.id)).toEqual(ids.slice(-10));
    expect(first.validations.every((v) => v.tests.length === 2)).toBe(true);
    expect(first.olderValidations.map((v) => v.id)).toEqual(ids.slice(5, 55));
    expect(raw.olderValidations.some((v) => 'tests' in v)).toBe(false);
    expect(raw.olderValidations[0]).toHaveProperty('testsTotal', 2);
    expect(first.validationsCursor).not.toBeNull();

    const second = ProposalView.parse(await (await server.fetch(`/v1/proposals/${proposal}?validationsBefore=${encodeURIComponent(first.validationsCursor ?? '')}`)).json());
    expect(second.validations.map((v) => v.id)).toEqual(ids.slice(45, 55));
    expect(second.validations.every((v) => v.tests.length === 2)).toBe(true);
    expect(second.olderValidations.map((v) => v.id)).toEqual(ids.slice(0, 45));

    const forged = await server.fetch(`/v1/proposals/${proposal}?validationsBefore=forged`);
    expect(forged.status).toBe(400);
    expect(ErrorView.parse(await forged.json()).error.field).toBe('validationsBefore');

    const client = await httpClient(`${server.url}/mcp`);
    try {
      const viaMcp = structured(await client.callTool({ name: 'get_proposal', arguments: { id: proposal } }), ProposalView);
      expect(viaMcp.validations.map((v) => v.id)).toEqual(first.validations.map((v) => v.id));
      const back = structured(await client.callTool({ name: 'get_proposal', arguments: { id: proposal, validationsBefore: viaMcp.validationsCursor } }), ProposalView);
      expect(back.validations.map((v) => v.id)).toEqual(ids.slice(45, 55));
    } finally {
      await client.close();
    }
  });

  it('pages the projects by name on HTTP and MCP, and bounds the images and containers', async () => {
    const page = ProjectListView.parse(await (await server.fetch('/v1/projects?limit=2')).json());
    expect(page.projects.map((p) => p.name)).toEqual(['calc', 'calc-b']);
    const rest = ProjectListView.parse(await (await server.fetch(`/v1/projects?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? '')}`)).json());
    expect(rest).toMatchObject({ projects: [{ name: 'calc-c' }], nextCursor: null });
    expect((await server.fetch('/v1/projects?limit=201')).status).toBe(400);

    const images = ImageListView.parse(await (await server.fetch('/v1/images?limit=1')).json());
    expect(images.images.length).toBeLessThanOrEqual(1);
    expect(images.total).toBeGreaterThanOrEqual(images.images.length);

    const client = await httpClient(`${server.url}/mcp`);
    try {
      const listed = structured(await client.callTool({ name: 'list_projects', arguments: { limit: 1 } }), ProjectListView);
      expect(listed.projects.map((p) => p.name)).toEqual(['calc']);
      const next = structured(await client.callTool({ name: 'list_projects', arguments: { limit: 2, cursor: listed.nextCursor } }), ProjectListView);
      expect(next).toMatchObject({ projects: [{ name: 'calc-b' }, { name: 'calc-c' }], nextCursor: null });
      const containers = structured(await client.callTool({ name: 'list_containers', arguments: { limit: 1 } }), ContainerListView);
      expect(containers.containers.length).toBeLessThanOrEqual(1);
      expect((await client.callTool({ name: 'list_containers', arguments: { limit: 1000 } })).isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});
