/**
 * Proposals and their validations. A validation's record (its row, its test cases, the
 * proposal's new status) is written in one transaction and only by the holder of the proposal's
 * lease: a worker whose lease was taken over writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { capReport } from '../../parsers/caps/cap-report.js';
import { reportTotals, testIdentity, type TestReport } from '../../parsers/report.js';
import type { StoredChange } from '../changes/change.js';
import { InfraError } from '../errors/infra-error.js';
import type { RequestOverrides } from '../pipeline/settings.js';
import type { ValidationResult } from '../pipeline/validation-result.js';
import { ProjectEntity, type ProjectRow } from './entities/project-entity.js';
import { ProposalEntity, type ProposalRow, type ProposalStatus } from './entities/proposal-entity.js';
import { TestCaseEntity, type TestCaseRow } from './entities/test-case-entity.js';
import { ValidationEntity, type ValidationRow } from './entities/validation-entity.js';
import { claimKey, type KeyClaim } from './idempotency-key-store.js';
import { capDependencyRecord } from '../images/dependency-record.js';
import { boundedLog, boundedNullableReason, boundedReason } from './bounded-text.js';
import { admitChange, type Admission } from './queue-admission.js';
import type { WriteQueue } from './write-queue.js';
import { validationWindow, type ValidationPosition, type ValidationWindow, type ValidationWindowSize } from './validation-window.js';

export interface NewProposal {
  readonly projectId: string;
  /** The state whose baseline this change is graded against; null or absent when graded absolutely. */
  readonly baselineKey?: string | null;
  /** --strict: graded absolutely although it changes the project. */
  readonly strict?: boolean;
  readonly title: string | null;
  readonly author: string | null;
  readonly changes: readonly StoredChange[];
  readonly patch: string | null;
  readonly contentKey: string;
  readonly priority: number;
  /** --protect-tests, kept so every run of the proposal is judged the same way. */
  readonly protectTests: boolean;
  /** --min-changed-coverage, kept so every run of the proposal is judged the same way. */
  readonly minChangedCoverage?: number | null;
  /** Request overrides, kept so every run of the proposal uses them. */
  readonly overrides?: RequestOverrides | null;
  /** A git project's commit the proposal is judged on. */
  readonly baseCommit?: string | null;
  /** `running` with a lease for a validation that starts at once (the CLI's validate). */
  readonly status: 'pending' | 'running' | 'executed' | 'rejected';
  readonly reason?: string | null;
  readonly reusedFrom?: string | null;
  readonly leaseOwner?: string | null;
  readonly leaseExpiresAt?: number | null;
}

/** A proposal without its blobs (changes, patch): what lists and look-ups read. */
export type ProposalSummary = Omit<ProposalRow, 'changes' | 'patch'>;

/** The columns of a ProposalSummary, spelled out so a list query's shape is checked by the compiler. */
export const SUMMARY_COLUMNS = {
  id: true,
  projectId: true,
  kind: true,
  stateKey: true,
  baselineKey: true,
  strict: true,
  title: true,
  author: true,
  contentKey: true,
  reusedFrom: true,
  status: true,
  reason: true,
  priority: true,
  protectTests: true,
  minChangedCoverage: true,
  overrides: true,
  baseCommit: true,
  attempts: true,
  leaseOwner: true,
  leaseExpiresAt: true,
  notBefore: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Record<keyof ProposalSummary, true>;

export interface ProposalDetail {
  readonly proposal: ProposalRow;
  readonly project: ProjectRow;
  /** The newest validations of the window asked (validation-window.ts), oldest first, with their tests. */
  readonly validations: ValidationWindow['validations'];
  /** Older than those, oldest first, without tests. */
  readonly olderValidations: ValidationWindow['older'];
  /** Every validation of the proposal. */
  readonly validationsTotal: number;
  /** For a proposal whose verdict was reused: the newest validations of the proposal that really ran. */
  readonly reusedValidations: ValidationWindow['validations'];
}

/** What happens to the proposal once this validation is recorded. */
export type NextStatus = { readonly status: 'executed' | 'rejected' | 'error' } | { readonly status: 'pending'; readonly notBefore: number };

export class ProposalStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /**
   * With `key`, the key is taken in the same transaction: KeyTaken (nothing written) when another
   * proposal holds it. With `admission` (a pending change), it is admitted to the queue in that
   * transaction too (queue-admission.ts): QueueFull, nothing written, when the queue is full.
   */
  async create(input: NewProposal, key?: KeyClaim, admission?: Admission): Promise<ProposalRow> {
    const now = Date.now();
    const row: ProposalRow = {
      id: randomUUID(),
      projectId: input.projectId,
      kind: 'change',
      stateKey: null,
      baselineKey: input.baselineKey ?? null,
      strict: input.strict ?? false,
      title: input.title,
      author: input.author,
      changes: [...input.changes],
      patch: input.patch,
      contentKey: input.contentKey,
      reusedFrom: input.reusedFrom ?? null,
      status: input.status,
      reason: boundedNullableReason(input.reason ?? null),
      priority: input.priority,
      protectTests: input.protectTests,
      minChangedCoverage: input.minChangedCoverage ?? null,
      overrides: input.overrides ?? null,
      baseCommit: input.baseCommit ?? null,
      attempts: input.status === 'running' ? 1 : 0,
      leaseOwner: input.leaseOwner ?? null,
      leaseExpiresAt: input.leaseExpiresAt ?? null,
      notBefore: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.writes.transaction(async (em) => {
      if (admission !== undefined) await admitChange(em, admission);
      await em.insert(ProposalEntity, row);
      if (key !== undefined) await claimKey(em, key, row.id, now);
    });
    return row;
  }

  /** The latest proposal with this content whose outcome is a verdict (errors are never reused). */
  findReusable(projectId: string, contentKey: string): Promise<ProposalSummary | null> {
    return this.db.getRepository(ProposalEntity).findOne({
      select: SUMMARY_COLUMNS,
      where: [
        { projectId, contentKey, kind: 'change', status: 'executed' },
        { projectId, contentKey, kind: 'change', status: 'rejected' },
      ],
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Records one validation and moves the proposal on, fenced by its lease: nothing is written
   * unless `leaseOwner` still holds it. Throws LEASE_LOST otherwise.
   */
  async recordValidation(proposalId: string, leaseOwner: string, result: ValidationResult, next: NextStatus, worker: string | null, kind: 'baseline' | null = null): Promise<string> {
    const validationId = result.validationId;
    // Read before the transaction: only the lease holder adds validations to this proposal, and a
    // SQLite transaction that reads before it writes can be refused outright (see write-queue.ts).
    const earlier = await this.db.getRepository(ValidationEntity).findOne({
      where: [
        { proposalId, outcome: 'executed' },
        { proposalId, outcome: 'rejected' },
      ],
      order: { finishedAt: 'DESC' },
    });
    await this.writes.transaction(async (em) => {
      const changed = earlier !== null && next.status !== 'pending' && earlier.outcome !== next.status;
      const reason = next.status === 'pending' ? `retrying after: ${result.reason}` : changed ? `${earlier.outcome} before, ${next.status} on revalidation: ${result.reason}` : result.reason;
      const moved = await em
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({
          status: next.status,
          reason: boundedReason(reason),
          leaseOwner: null,
          leaseExpiresAt: null,
          notBefore: next.status === 'pending' ? next.notBefore : null,
          lastError: result.outcome === 'error' ? boundedReason(result.reason) : null,
          updatedAt: Date.now(),
        })
        .where('id = :id AND lease_owner = :owner AND status = :running', { id: proposalId, owner: leaseOwner, running: 'running' })
        .execute();
      if (moved.affected !== 1) {
        throw new InfraError('LEASE_LOST', `proposal ${proposalId} is no longer leased to ${leaseOwner}: its result was not recorded`, { proposalId, leaseOwner });
      }
      const report = result.report === null ? null : capReport(result.report);
      const row = validationRow(proposalId, result, report, worker);
      // A baseline run again (--refresh) stays a baseline: its latest run is the one compared with.
      const recorded = kind === 'baseline' ? { ...row, kind, previousOutcome: earlier?.outcome ?? null } : earlier === null ? row : { ...row, kind: 'revalidation' as const, previousOutcome: earlier.outcome };
      await em.insert(ValidationEntity, recorded);
      const cases = testCaseRows(validationId, report);
      // Chunked: SQLite caps the number of bound parameters in one statement.
      for (let i = 0; i < cases.length; i += 100) await em.insert(TestCaseEntity, cases.slice(i, i + 100));
    });
    return validationId;
  }

  /** Summaries only: a list never reads a proposal's changes or patch (each may be megabytes). */
  async list(filter: { status?: ProposalStatus; projectId?: string } = {}): Promise<{ proposal: ProposalSummary; project: ProjectRow }[]> {
    const proposals: ProposalSummary[] = await this.db.getRepository(ProposalEntity).find({
      select: SUMMARY_COLUMNS,
      // Baselines are listed by `patchproof baseline`, not among the agents' proposals.
      where: { kind: 'change', ...(filter.status ? { status: filter.status } : {}), ...(filter.projectId ? { projectId: filter.projectId } : {}) },
      order: { createdAt: 'DESC' },
    });
    const projects = new Map((await this.db.getRepository(ProjectEntity).find()).map((p) => [p.id, p]));
    return proposals.flatMap((proposal) => {
      const project = projects.get(proposal.projectId);
      return project === undefined ? [] : [{ proposal, project }];
    });
  }

  /** The proposal with a window of its validations (validation-window.ts), and of those of the proposal whose verdict it reused. */
  async show(id: string, size: ValidationWindowSize = { withTests: 10, summaries: 50 }, before: ValidationPosition | null = null): Promise<ProposalDetail | null> {
    const proposal = await this.db.getRepository(ProposalEntity).findOne({ where: { id } });
    if (proposal === null) return null;
    const project = await this.db.getRepository(ProjectEntity).findOneOrFail({ where: { id: proposal.projectId } });
    const window = await validationWindow(this.db, id, size, before);
    const reused = proposal.reusedFrom === null ? [] : (await validationWindow(this.db, proposal.reusedFrom, { withTests: size.withTests, summaries: 0 }, null)).validations;
    return { proposal, project, validations: window.validations, olderValidations: window.older, validationsTotal: window.total, reusedValidations: reused };
  }
}

/** `report` is the result's report as capped at this edge: what is stored, and what was cut. */
function validationRow(proposalId: string, result: ValidationResult, report: TestReport | null, worker: string | null): ValidationRow {
  const totals = reportTotals(report);
  const test = result.test;
  const log = boundedLog([result.build?.stdout, result.build?.stderr, test?.stdout, test?.stderr].filter((s) => s !== undefined && s !== '').join('\n'));
  const cut = [...(report?.truncation?.notes ?? []), ...(log.note === null ? [] : [log.note])];
  return {
    id: result.validationId,
    proposalId,
    kind: 'validation',
    previousOutcome: null,
    outcome: result.outcome,
    reason: boundedReason(result.reason),
    reasonCode: result.code,
    framework: result.framework,
    frameworkReason: result.frameworkReason,
    image: result.image,
    imageBuilt: result.imageBuilt,
    sandbox: result.sandbox ?? null,
    containerId: result.containerId,
    worker,
    exitCode: test?.exitCode ?? null,
    timedOut: (test?.timedOut ?? false) || (result.build?.timedOut ?? false),
    oomKilled: result.oomKilled,
    outputLimitExceeded: test?.outputLimitExceeded ?? false,
    testsTotal: totals.total,
    testsPassed: totals.passed,
    testsFailed: totals.failed,
    testsErrors: totals.errors,
    testsSkipped: totals.skipped,
    coverageLines: result.coverage?.linesPct ?? null,
    coverageBranches: result.coverage?.branchesPct ?? null,
    durations: result.durations,
    cpuNanos: result.stats.cpuNanos,
    peakMemoryBytes: result.stats.peakMemoryBytes,
    ioReadBytes: result.stats.ioReadBytes,
    ioWriteBytes: result.stats.ioWriteBytes,
    testEdits: result.testEdits,
    comparison: result.comparison ?? null,
    changedLines: result.changedLines,
    coverageDelta: result.coverageDelta,
    dependencies: result.dependencies == null ? null : capDependencyRecord(result.dependencies),
    imageRewrites: [...(result.imageRewrites ?? [])].slice(0, 500),
    log: log.log,
    truncated: cut.length === 0 ? null : cut.join('; '),
    reruns: result.reruns == null ? null : { ...result.reruns, flaky: result.reruns.flaky.slice(0, 100) },
    buildErrors: result.buildErrors ?? null,
    startedAt: result.startedAt.getTime(),
    finishedAt: result.finishedAt.getTime(),
  };
}

function testCaseRows(validationId: string, report: TestReport | null): TestCaseRow[] {
  return (report?.cases ?? []).map((c) => ({
    validationId,
    suite: c.suite,
    name: c.name,
    file: c.file,
    status: c.status,
    durationMs: c.durationMs,
    message: c.message,
    identity: testIdentity(c),
    flaky: c.flaky === true ? true : null,
  }));
}
