/** A pipeline result as ValidationResultView: the JSON agents read, whatever door they came through. */
import { reportTotals, testIdentity } from '../../../parsers/report.js';
import type { ValidationResult } from '../../pipeline/validation-result.js';
import type { ValidationResultView } from '../views/validation-result-view.js';

export function resultView(result: ValidationResult, ids: { proposalId: string; validationId: string }): ValidationResultView {
  const totals = reportTotals(result.report);
  const test = result.test;
  const reruns = result.reruns ?? null;
  return {
    verdict: result.outcome,
    reason: result.reason,
    reasonCode: result.code,
    framework: result.framework,
    frameworkReason: result.frameworkReason,
    tests: { total: totals.total, passed: totals.passed, failed: totals.failed, errors: totals.errors, skipped: totals.skipped },
    failures: (result.report?.cases ?? []).flatMap((c) => (c.status === 'failed' || c.status === 'error' ? [{ id: testIdentity(c), suite: c.suite, name: c.name, status: c.status, message: c.message }] : [])),
    reruns: reruns === null ? null : { runs: reruns.runs, durationMs: reruns.durationMs, flaky: reruns.flaky.map((f) => ({ id: f.id, rerun: f.rerun })), stopped: reruns.stopped },
    runErrors: result.report?.runErrors ?? [],
    coverage: { lines: result.coverage?.linesPct ?? null, branches: result.coverage?.branchesPct ?? null },
    timedOut: (test?.timedOut ?? false) || (result.build?.timedOut ?? false),
    oomKilled: result.oomKilled,
    outputLimitExceeded: test?.outputLimitExceeded ?? false,
    outputTruncated: test?.outputTruncated ?? false,
    exitCode: test?.exitCode ?? null,
    durations: result.durations,
    stats: result.stats,
    image: result.image,
    imageBuilt: result.imageBuilt,
    testEdits: result.testEdits,
    comparison: result.comparison ?? null,
    changedLines: result.changedLines,
    coverageDelta: result.coverageDelta,
    dependencies: result.dependencies ?? null,
    imageRewrites: [...(result.imageRewrites ?? [])],
    buildErrors: result.buildErrors ?? null,
    proposalId: ids.proposalId,
    validationId: ids.validationId,
    warnings: result.releaseFailures,
  };
}
