/**
 * Baselines in storage. A baseline is a proposal row of kind `baseline`, no changes, unique per
 * state key (a partial unique index), so it is queued, claimed first, leased, retried and swept
 * like any proposal, and however many proposals or workers ask, one row exists per state. Its runs
 * are validations of kind `baseline` with their test cases (identity, status, flaky).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InfraError } from '../errors/infra-error.js';
import type { BaselineCase, BaselineTests } from '../pipeline/compare-baseline.js';
import { ProposalEntity, type ProposalRow } from '../storage/entities/proposal-entity.js';
import { TestCaseEntity } from '../storage/entities/test-case-entity.js';
import { ValidationEntity, type ValidationRow } from '../storage/entities/validation-entity.js';
import type { WriteQueue } from '../storage/write-queue.js';

/** Codes of a baseline run whose per-test results can be compared with: its tests ran. */
const COMPARABLE = new Set(['passed', 'tests_failed']);

export interface BaselineRun {
  readonly validation: ValidationRow;
  /** The tests to compare with, or null when the run has none (build failed, timed out, ...). */
  readonly tests: BaselineTests | null;
}

export class BaselineStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** The baseline row of this state, queued now (pending) when there was none. */
  async ensure(stateKey: string, projectId: string, baseCommit: string | null = null): Promise<ProposalRow> {
    const found = await this.find(stateKey);
    if (found !== null) return found;
    const row = baselineRow(stateKey, projectId, baseCommit, Date.now());
    // Another process may insert the same state at the same moment: the unique index keeps one.
    await this.writes.transaction((em) => em.createQueryBuilder().insert().into(ProposalEntity).values(row).orIgnore().execute());
    const after = await this.find(stateKey);
    if (after === null) throw new InfraError('STORAGE_FAILED', `the baseline of state ${stateKey} was inserted but cannot be read back`, { stateKey });
    return after;
  }

  find(stateKey: string): Promise<ProposalRow | null> {
    return this.db.getRepository(ProposalEntity).findOne({ where: { kind: 'baseline', stateKey } });
  }

  /**
   * Leases the baseline row to `token` at once (validate and `patchproof baseline` make it in
   * process): from pending or error, and with `again` also from a finished run (--refresh).
   * Runs the baseline from `projectId`'s folder, whichever project queued it.
   */
  async takeNow(id: string, token: string, leaseMs: number, projectId: string, again: boolean): Promise<boolean> {
    const from = again ? ['pending', 'error', 'executed', 'rejected'] : ['pending', 'error'];
    const now = Date.now();
    const result = await this.writes.transaction((em) =>
      em
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({ status: 'running', leaseOwner: token, leaseExpiresAt: now + leaseMs, attempts: () => 'attempts + 1', projectId, notBefore: null, updatedAt: now })
        .where('id = :id AND status IN (:...from)', { id, from })
        .execute(),
    );
    return result.affected === 1;
  }

  /** The latest finished run of a baseline row (errors are no baseline), with its tests. */
  async latestRun(baselineId: string): Promise<BaselineRun | null> {
    const validation = await this.db.getRepository(ValidationEntity).findOne({
      where: [
        { proposalId: baselineId, kind: 'baseline', outcome: 'executed' },
        { proposalId: baselineId, kind: 'baseline', outcome: 'rejected' },
      ],
      order: { finishedAt: 'DESC' },
    });
    if (validation === null) return null;
    if (!COMPARABLE.has(validation.reasonCode) || validation.testsTotal === 0) return { validation, tests: null };
    const rows = await this.db.getRepository(TestCaseEntity).find({ where: { validationId: validation.id }, select: { suite: true, name: true, identity: true, status: true, flaky: true } });
    const cases: BaselineCase[] = rows.map((r) => ({
      // Rows written before identities were stored: what testIdentity gives without a parser's id.
      identity: r.identity ?? (r.suite === '' ? r.name : `${r.suite}::${r.name}`),
      status: r.status,
      flaky: r.flaky === true,
    }));
    return { validation, tests: { validationId: validation.id, cases, total: validation.testsTotal, bad: validation.testsFailed + validation.testsErrors } };
  }

  /** Every baseline run of a state's row, newest first: for `patchproof baseline`. */
  runs(baselineId: string): Promise<ValidationRow[]> {
    return this.db.getRepository(ValidationEntity).find({ where: { proposalId: baselineId, kind: 'baseline' }, order: { finishedAt: 'DESC' } });
  }

  /** How many baseline runs were recorded for a state (the bench and tests count them). */
  async runCount(stateKey: string): Promise<number> {
    const row = await this.find(stateKey);
    if (row === null) return 0;
    return this.db.getRepository(ValidationEntity).count({ where: { proposalId: row.id, kind: 'baseline' } });
  }
}

/** A new baseline row of this state, pending: what ensure() inserts, and a submission's admission with its change. */
export function baselineRow(stateKey: string, projectId: string, baseCommit: string | null, now: number): ProposalRow {
  return {
    id: randomUUID(),
    projectId,
    kind: 'baseline',
    stateKey,
    baselineKey: null,
    strict: false,
    title: 'baseline',
    author: null,
    changes: [],
    patch: null,
    contentKey: stateKey,
    reusedFrom: null,
    status: 'pending',
    reason: 'the unchanged project, to compare proposals with',
    priority: 0,
    protectTests: false,
    minChangedCoverage: null,
    overrides: null,
    // A git project's baseline runs on the commit whose tree holds this state.
    baseCommit,
    attempts: 0,
    leaseOwner: null,
    leaseExpiresAt: null,
    notBefore: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}
