/**
 * The stats aggregated in SQL (src/storage/stats/) equal the old computation that loaded every
 * row (test/support/reference-stats.ts), on a real SQLite file and a real PostgreSQL server, over
 * a few hundred records of every kind written through the storage layer: changes in every status,
 * baselines, validations, revalidations that changed a verdict, comparisons, uneven phases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PROPOSAL_STATUSES, ProposalEntity } from '../../src/storage/entities/proposal-entity.js';
import { ValidationEntity, type ValidationRow } from '../../src/storage/entities/validation-entity.js';
import { outcomeStats, type OutcomeStats } from '../../src/storage/stats/outcome-stats.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';
import { referenceStats } from '../support/reference-stats.js';

type Backend = 'sqlite' | 'postgres';

/** A small deterministic generator (mulberry32): the same records on both databases, every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES = ['prepare', 'build', 'test', 'parse', 'total'] as const;
const OUTCOMES = ['executed', 'rejected', 'error'] as const;

/** Arrays whose order the old computation left to the database: compared as sets. */
function ordered(s: OutcomeStats): OutcomeStats {
  return {
    ...s,
    projects: [...s.projects].sort((a, b) => a.name.localeCompare(b.name)),
    changedOnRevalidation: [...s.changedOnRevalidation].sort((a, b) => `${a.at}${a.proposalId}`.localeCompare(`${b.at}${b.proposalId}`)),
  };
}

describe.each<Backend>(['sqlite', 'postgres'])('stats in SQL on %s', (backend) => {
  let database: TestDatabase | null = null;
  let storage: Storage;
  const projectIds: string[] = [];
  let testPhaseRuns = 0;
  let validationRows = 0;
  const firstSeenPhases: string[] = [];

  beforeAll(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-sql-stats-');
    database = made.database;
    const env = made.env;
    storage = await openStorage(loadConfig(env));
    const next = random(14);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (const name of ['calc', 'parser', 'idle']) projectIds.push((await storage.projects.add(name, `/nowhere/${name}`)).id);

    const proposals: { id: string; baseline: boolean }[] = [];
    for (let i = 0; i < 90; i++) {
      const projectId = projectIds[i % 2] ?? '';
      const p = await storage.proposals.create({ projectId, title: `p${i}`, author: null, changes: [], patch: null, contentKey: `k${i}`, priority: 0, protectTests: false, status: 'pending' });
      await storage.db.getRepository(ProposalEntity).update(p.id, { status: pick(PROPOSAL_STATUSES) });
      proposals.push({ id: p.id, baseline: false });
    }
    for (let i = 0; i < 6; i++) proposals.push({ id: (await storage.baselines.ensure(`state-${i}`, projectIds[i % 2] ?? '')).id, baseline: true });

    const rows: ValidationRow[] = [];
    let at = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < 320; i++) {
      const proposal = pick(proposals);
      const kind = proposal.baseline ? 'baseline' : next() < 0.3 ? 'revalidation' : 'validation';
      const durations: Record<string, number> = {};
      // Uneven phases: not every run reaches every phase; some durations are fractional.
      for (const phase of PHASES) if (phase === 'total' || next() < 0.8) durations[phase] = Math.round(next() * 60_000 * (next() < 0.1 ? 10 : 1)) + (next() < 0.2 ? 0.5 : 0);
      if ('test' in durations) testPhaseRuns++;
      for (const phase of Object.keys(durations)) if (!firstSeenPhases.includes(phase)) firstSeenPhases.push(phase);
      const compared = !proposal.baseline && next() < 0.5;
      at += 1 + Math.floor(next() * 5000); // distinct finishing times: "the latest run" is one run
      rows.push({
        id: `v-${backend}-${i}`, proposalId: proposal.id, kind, previousOutcome: kind === 'revalidation' ? pick(OUTCOMES) : null, outcome: pick(OUTCOMES),
        reason: 'r', reasonCode: 'passed', framework: null, frameworkReason: null, image: null, imageBuilt: false, containerId: null, worker: null, exitCode: null,
        timedOut: false, oomKilled: false, outputLimitExceeded: false, testsTotal: 0, testsPassed: 0, testsFailed: 0, testsErrors: 0, testsSkipped: 0,
        coverageLines: null, coverageBranches: null, durations, cpuNanos: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null, log: '',
        testEdits: null, changedLines: null, coverageDelta: null, truncated: null, reruns: null, startedAt: at - 1, finishedAt: at,
        comparison: compared ? comparison(Math.floor(next() * 4), Math.floor(next() * 3)) : null,
      });
    }
    for (let i = 0; i < rows.length; i += 20) await storage.db.getRepository(ValidationEntity).insert(rows.slice(i, i + 20));
    validationRows = rows.length;
  });

  afterAll(async () => {
    await storage?.close();
    database?.drop();
  });

  it('equals the computation over every row, for all projects', async () => {
    const sql = await outcomeStats(storage.db);
    const reference = await referenceStats(storage.db);
    expect(ordered(sql)).toEqual(ordered(reference));
    // The phases in a stable order (stats prints them so): as they first appear in finishing order,
    // where the old computation followed whatever order the database returned rows in.
    expect(Object.keys(sql.phases)).toEqual(firstSeenPhases);
    // Not a comparison of two empty answers: the records reach every part of the view.
    expect(Object.values(sql.validations).reduce((a, b) => a + b, 0)).toBe(validationRows);
    expect(sql.phases.total?.count).toBe(validationRows);
    expect(sql.phases.test?.count).toBe(testPhaseRuns);
    expect(sql.phases.total?.p95Ms).toBeGreaterThanOrEqual(sql.phases.total?.p50Ms ?? Infinity);
    expect(sql.changedOnRevalidation.length).toBeGreaterThan(10);
    expect(sql.projects.map((p) => p.name).sort()).toEqual(['calc', 'idle', 'parser']);
    expect(sql.projects.reduce((n, p) => n + p.broken + p.fixed, 0)).toBeGreaterThan(0);
    expect(sql.projects.find((p) => p.name === 'idle')).toEqual({ name: 'idle', executed: 0, rejected: 0, passRate: null, broken: 0, fixed: 0, baselines: 0 });
    expect(Object.keys(sql.phases).sort()).toEqual([...PHASES].sort());
  });

  it('equals it for one project, and for a project with no records', async () => {
    for (const id of projectIds) expect(ordered(await outcomeStats(storage.db, id))).toEqual(ordered(await referenceStats(storage.db, id)));
    expect(await outcomeStats(storage.db, projectIds[2])).toMatchObject({ proposals: {}, validations: {}, phases: {}, changedOnRevalidation: [] });
  });
});

function comparison(broken: number, fixed: number): NonNullable<ValidationRow['comparison']> {
  const names = (n: number, what: string) => Array.from({ length: n }, (_, i) => `tests/t.py::${what}_${i}`);
  return {
    baseline: { validationId: 'b', reused: true },
    fixed: names(fixed, 'fixed'), broken: names(broken, 'broken'), stillFailing: [], flaky: [], added: [], addedFailing: [], removed: [], modifiedTestFiles: [],
    counts: { fixed, broken, stillFailing: 0, flaky: 0, added: 0, addedFailing: 0, removed: 0, modifiedTestFiles: 0 },
    note: null,
  };
}
