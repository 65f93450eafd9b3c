/**
 * The verdict of a changed project against its baseline (issue 11), as a pure function. The rules
 * that come before any test is judged stay first, as in grade.ts (limits, build, report folder,
 * collection, no tests), and so does the forged-report check; then the run is compared test by
 * test (compare-baseline.ts): rejected when it broke a test that passed before, when a test the
 * change added fails, or when a baseline test is gone or newly skipped; executed otherwise, with
 * what it fixed, what still fails and which tests were flaky named in the reason.
 */
import { caseTotals, type TestReport } from '../../parsers/report.js';
import type { TestEdits } from './test-edits.js';
import { type BaselineTests, type Comparison, compareToBaseline } from './compare-baseline.js';
import { type GradeInput, gradeCoverage, gradeRunFirst, type Verdict } from './grade.js';

export interface RelativeGrade {
  readonly verdict: Verdict;
  /** null when a rule before the comparison decided (the run has no tests to compare). */
  readonly comparison: Comparison | null;
}

const NAMES_SHOWN = 5;
const NAME_IN_REASON_CHARS = 200;

export function gradeAgainstBaseline(input: GradeInput, baseline: BaselineTests, testEdits: TestEdits | null, reused: boolean): RelativeGrade {
  const first = gradeRunFirst(input);
  const report = input.reports.tests;
  if (first !== null || report === null) return { verdict: first ?? { outcome: 'rejected', code: 'no_report', reason: input.explainMissingReport(input.test.exitCode) }, comparison: null };
  const comparison = compareToBaseline(baseline, report, testEdits, reused);
  const forged = forgedReport(input, report, comparison.counts.flaky);
  if (forged !== null) return { verdict: forged, comparison };

  const { counts } = comparison;
  const faults: string[] = [];
  if (counts.broken > 0) faults.push(`broke ${tests(counts.broken)} that passed before: ${names(comparison.broken, counts.broken)}`);
  if (counts.addedFailing > 0) faults.push(`${tests(counts.addedFailing)} the change added ${counts.addedFailing === 1 ? 'fails' : 'fail'}: ${names(comparison.addedFailing, counts.addedFailing)}`);
  if (counts.removed > 0) faults.push(`removed ${tests(counts.removed)} that ran before (gone or skipped now): ${names(comparison.removed, counts.removed)}`);
  const code = counts.broken > 0 ? 'tests_broken' : counts.addedFailing > 0 ? 'added_tests_failed' : 'tests_removed';
  if (faults.length > 0) {
    const still = counts.stillFailing > 0 ? ` (${tests(counts.stillFailing)} failed before and still ${counts.stillFailing === 1 ? 'fails' : 'fail'})` : '';
    return { verdict: { outcome: 'rejected', code, reason: `${faults.join('; ')}${still}${flakyPart(comparison)}` }, comparison };
  }
  const totals = caseTotals(report);
  if (totals.failed + totals.errors === 0 && counts.flaky === 0 && input.test.exitCode !== 0) {
    const how = input.test.signal !== null ? `${input.test.exitCode} (${input.test.signal})` : String(input.test.exitCode ?? 'unknown');
    return { verdict: { outcome: 'rejected', code: 'exit_code_mismatch', reason: `every test in the report passed, but the test run exited with code ${how}` }, comparison };
  }
  const low = gradeCoverage(input);
  if (low !== null) return { verdict: low, comparison };
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  const parts = [`${totals.passed} of ${totals.total} passed${skipped}`];
  if (counts.fixed > 0) parts.push(`fixed ${counts.fixed}: ${names(comparison.fixed, counts.fixed)}`);
  if (counts.stillFailing > 0) parts.push(`${counts.stillFailing} failed before and still ${counts.stillFailing === 1 ? 'fails' : 'fail'}: ${names(comparison.stillFailing, counts.stillFailing)}`);
  const coverage = input.reports.coverage;
  if (coverage?.linesPct != null) parts.push(`${coverage.linesPct.toFixed(1)}% of lines covered`);
  return { verdict: { outcome: 'executed', code: 'passed', reason: `${parts.join('; ')}${flakyPart(comparison)}` }, comparison };
}

/**
 * The runner's own summary against the report, as in grade.ts but for a run that may hold
 * failures: a report is forged when it claims more passes than the runner counted (a flaky test's
 * pass came from a rerun, so the first run's summary counted it failed), or no failure at all
 * where the runner saw some.
 */
function forgedReport(input: GradeInput, report: TestReport, flaky: number): Verdict | null {
  const summary = input.runnerSummary;
  if (summary === undefined || summary === null) return null;
  const totals = caseTotals(report);
  const reject = (reason: string): Verdict => ({ outcome: 'rejected', code: 'report_mismatch', reason });
  const said = summary.summary;
  if (said === null) return reject(`${summary.runner} printed no closing summary, so the report claiming ${totals.passed} passed tests is not believed (did a test end the run early?)`);
  if ('missing' in said) return reject(`${said.missing}, so the report claiming ${totals.passed} passed tests is not believed`);
  const hidesFailures = said.failed + said.errors > 0 && totals.failed + totals.errors === 0 && flaky === 0;
  if (hidesFailures || said.passed + flaky < totals.passed) {
    return reject(`the report claims ${totals.passed} of ${totals.total} tests passed, but ${said.said ?? `${summary.runner} itself printed "${said.line}"`}`);
  }
  return null;
}

function flakyPart(comparison: Comparison): string {
  const n = comparison.counts.flaky;
  return n === 0 ? '' : `; flaky ${n} (failed, then passed on a rerun, or failed where the baseline was flaky): ${names(comparison.flaky, n)}`;
}

function tests(n: number): string {
  return n === 1 ? '1 test' : `${n} tests`;
}

/** A few identities, each shortened: a name the proposal made huge must not make the reason huge. */
function names(list: readonly string[], count: number): string {
  const shown = list.slice(0, NAMES_SHOWN).map((n) => (n.length > NAME_IN_REASON_CHARS ? `${n.slice(0, NAME_IN_REASON_CHARS)}…` : n));
  return count > shown.length ? `${shown.join(', ')} and ${count - shown.length} more` : shown.join(', ');
}
