/**
 * One proposal with its validations, as ProposalView: the latest with their tests, older ones
 * summarized, `validationsBefore` (a validationsCursor) reading further back; an unknown id is
 * `not_found`.
 */
import { InputError } from '../../errors/input-error.js';
import { storedOverrides, askedOverrides } from '../../pipeline/request-overrides.js';
import type { TestCaseRow } from '../../storage/entities/test-case-entity.js';
import type { ValidationRow } from '../../storage/entities/validation-entity.js';
import type { AppContext } from '../context.js';
import type { ProposalDetail } from '../../storage/proposal-store.js';
import { decodeCursor, encodeCursor } from '../paging-cursor.js';
import { VALIDATION_SUMMARIES, VALIDATIONS_WITH_TESTS, type ProposalView, type ValidationSummaryView, type ValidationView } from '../views/proposal-view.js';

export async function showProposal(ctx: AppContext, id: string, options: { validationsBefore?: string | undefined } = {}): Promise<ProposalView> {
  const storage = await ctx.storage();
  const before = options.validationsBefore === undefined ? null : decodeCursor(options.validationsBefore, 'validationsBefore');
  const d = await storage.proposals.show(id, { withTests: VALIDATIONS_WITH_TESTS, summaries: VALIDATION_SUMMARIES }, before);
  if (d === null) throw new InputError(`no proposal with id "${id}"`, { id }, { code: 'not_found', field: 'id' });
  const p = d.proposal;
  return {
    id: p.id,
    project: d.project.name,
    projectRoot: d.project.rootPath,
    title: p.title,
    author: p.author,
    status: p.status,
    reason: p.reason,
    priority: p.priority,
    protectTests: p.protectTests,
    strict: p.strict,
    kind: p.kind,
    minChangedCoverage: p.minChangedCoverage,
    overrides: askedOverrides(storedOverrides(p.overrides)),
    baseCommit: p.baseCommit,
    attempts: p.attempts,
    reusedFrom: p.reusedFrom,
    lastError: p.lastError,
    contentKey: p.contentKey,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    patch: p.patch,
    changes: p.changes.map((c) => ({ filepath: c.filepath, kind: 'delete' in c ? 'delete' : 'write' })),
    validations: d.validations.map(validationView),
    olderValidations: d.olderValidations.map((v) => summaryView(v)),
    validationsTotal: d.validationsTotal,
    validationsCursor: validationsCursor(d),
    reusedValidations: d.reusedValidations.map(validationView),
  };
}

/** Where the next window starts: before the oldest shown with tests, when older ones exist. */
function validationsCursor(d: ProposalDetail): string | null {
  const oldest = d.validations[0]?.validation;
  if (oldest === undefined || d.olderValidations.length === 0) return null;
  return encodeCursor({ createdAt: oldest.startedAt, id: oldest.id });
}

function summaryView(v: ValidationRow): ValidationSummaryView {
  const { tests: _tests, ...summary } = validationView({ validation: v, tests: [] });
  return summary;
}

export function validationView({ validation: v, tests }: { validation: ValidationRow; tests: readonly TestCaseRow[] }): ValidationView {
  return {
    id: v.id,
    kind: v.kind,
    previousOutcome: v.previousOutcome,
    outcome: v.outcome,
    reason: v.reason,
    reasonCode: v.reasonCode,
    framework: v.framework,
    frameworkReason: v.frameworkReason,
    image: v.image,
    imageBuilt: v.imageBuilt,
    containerId: v.containerId,
    worker: v.worker,
    exitCode: v.exitCode,
    timedOut: v.timedOut,
    oomKilled: v.oomKilled,
    outputLimitExceeded: v.outputLimitExceeded,
    testsTotal: v.testsTotal,
    testsPassed: v.testsPassed,
    testsFailed: v.testsFailed,
    testsErrors: v.testsErrors,
    testsSkipped: v.testsSkipped,
    coverageLines: v.coverageLines,
    coverageBranches: v.coverageBranches,
    durations: v.durations,
    cpuNanos: v.cpuNanos,
    peakMemoryBytes: v.peakMemoryBytes,
    ioReadBytes: v.ioReadBytes,
    ioWriteBytes: v.ioWriteBytes,
    testEdits: v.testEdits,
    comparison: v.comparison,
    changedLines: v.changedLines,
    coverageDelta: v.coverageDelta,
    dependencies: v.dependencies ?? null,
    imageRewrites: v.imageRewrites ?? [],
    truncated: v.truncated,
    reruns: v.reruns == null ? null : { runs: v.reruns.runs, durationMs: v.reruns.durationMs, flaky: v.reruns.flaky.map((f) => ({ id: f.id, rerun: f.rerun })), stopped: v.reruns.stopped },
    buildErrors: v.buildErrors ?? null,
    startedAt: new Date(v.startedAt).toISOString(),
    finishedAt: new Date(v.finishedAt).toISOString(),
    tests: tests.map((t) => ({ suite: t.suite, name: t.name, identity: t.identity ?? null, file: t.file, status: t.status, durationMs: t.durationMs, message: t.message, flaky: t.flaky ?? null })),
  };
}
