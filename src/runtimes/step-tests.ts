/**
 * A step's test suite run against the learner's code: per-test results like a validation's
 * (parsers/report.ts records), believed only when the runner's own witness agrees, as the
 * validation pipeline does (pipeline/runner-summary.ts): a learner's code loaded into the test
 * process could otherwise write a passing report itself.
 */
import type { TestCaseRecord, TestReport } from '../../parsers/report.js';
import { tally } from '../../parsers/report.js';
import type { MissingAccount, RunnerSummary } from '../toolchains/toolchain.js';

export interface StepTestOutcome {
  readonly framework: string;
  /** Every test passed, and the witness agrees. */
  readonly passed: boolean;
  readonly total: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
  readonly tests: readonly TestCaseRecord[];
  /** Why the results are not what they seem (no report, a witness disagreeing); null when none. */
  readonly problem: string | null;
}

/** Reads a report against its witness: a report the witness does not back is not believed. */
export function judgeStepReport(framework: string, report: TestReport | null, reportProblem: string | null, witness: RunnerSummary | MissingAccount | null): StepTestOutcome {
  const cases = report?.cases ?? [];
  const totals = tally(cases);
  const base = { framework, total: totals.total, failed: totals.failed, errors: totals.errors + (report?.runErrors.length ?? 0), skipped: totals.skipped, tests: cases };
  if (report === null) return { ...base, passed: false, problem: reportProblem ?? `${framework} wrote no report` };
  if (witness === null) return { ...base, passed: false, problem: `${framework} printed no closing summary: the run was cut short, so its report is not believed` };
  if ('missing' in witness) return { ...base, passed: false, problem: `${witness.missing}: the report is not believed` };
  const seenFailing = witness.failed + witness.errors;
  if (seenFailing > 0 && base.failed + base.errors === 0) return { ...base, passed: false, problem: `the report says every test passed, but ${witness.said ?? `${framework} itself printed "${witness.line}"`}` };
  if (totals.passed > witness.passed) return { ...base, passed: false, problem: `the report claims ${totals.passed} passed tests, but ${framework} itself saw ${witness.passed}` };
  const passed = totals.total > 0 && totals.failed === 0 && base.errors === 0;
  // A run-level error (a file that did not load, a run cut short) is the problem to show first.
  return { ...base, passed, problem: report.runErrors[0]?.message ?? (totals.total === 0 ? 'no tests ran' : null) };
}
