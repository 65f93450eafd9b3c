/**
 * The comparison with a baseline and the verdict built on it, on real pytest reports (the
 * fixtures pytest wrote itself): the baseline is one run as reported, the proposal's run the same
 * report with the statuses a change would bring.
 */
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { capReport } from '../../../parsers/caps/cap-report.js';
import { caseTotals, testIdentity, type TestCaseRecord, type TestReport, type TestStatus } from '../../../parsers/report.js';
import { type BaselineTests, compareToBaseline } from '../../../src/pipeline/compare-baseline.js';
import type { GradeInput } from '../../../src/pipeline/grade.js';
import { gradeAgainstBaseline } from '../../../src/pipeline/grade-relative.js';
import { NO_TEST_EDITS } from '../../../src/pipeline/test-edits.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import { readFixture } from '../parsers/fixture.js';

async function real(scenario: string): Promise<TestReport> {
  const parsed = await parseJUnit(readFixture(`pytest/${scenario}/junit.xml`), 'junit.xml');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

function baselineOf(report: TestReport, validationId = 'base-1'): BaselineTests {
  const totals = caseTotals(report);
  return {
    validationId,
    cases: report.cases.map((c) => ({ identity: testIdentity(c), status: c.status, flaky: c.flaky === true })),
    total: totals.total,
    bad: totals.failed + totals.errors,
  };
}

/** The report with some tests' statuses changed, some dropped, some added. */
function changed(report: TestReport, edits: { set?: Record<string, TestStatus>; flaky?: string[]; drop?: string[]; add?: TestCaseRecord[] }): TestReport {
  const cases = report.cases
    .filter((c) => !(edits.drop ?? []).includes(c.name))
    .map((c): TestCaseRecord => {
      const status = edits.set?.[c.name];
      if ((edits.flaky ?? []).includes(c.name)) return { ...c, status: 'passed', message: null, flaky: true };
      return status === undefined ? c : { ...c, status, message: status === 'passed' ? null : `${status}!` };
    });
  return { ...report, cases: [...cases, ...(edits.add ?? [])] };
}

function run(exitCode: number): CommandResult {
  return { command: ['pytest'], exitCode, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 10, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 };
}

function input(report: TestReport, overrides: Partial<GradeInput> = {}): GradeInput {
  const bad = caseTotals(report).failed + caseTotals(report).errors;
  return {
    build: null,
    test: run(bad > 0 ? 1 : 0),
    oomKilled: false,
    reports: { tests: report, testsProblem: null, coverage: null, coverageProblem: null },
    minCoverage: null,
    memoryBytes: 1024 ** 3,
    outputLimitBytes: 1_000_000,
    explainMissingReport: () => 'no report',
    ...overrides,
  };
}

const id = (report: TestReport, name: string) => testIdentity(report.cases.find((c) => c.name === name) ?? { suite: '?', name });

describe('comparing a run with its baseline', () => {
  it('a red baseline and an unchanged run: nothing broken, the failures still fail, executed', async () => {
    const mixed = await real('mixed');
    const result = gradeAgainstBaseline(input(mixed), baselineOf(mixed), NO_TEST_EDITS, true);
    const bad = new Set(mixed.cases.filter((c) => c.status === 'failed' || c.status === 'error').map(testIdentity));
    expect(result.comparison?.broken).toEqual([]);
    expect(result.comparison?.fixed).toEqual([]);
    expect(new Set(result.comparison?.stillFailing)).toEqual(bad);
    expect(result.verdict.outcome).toBe('executed');
    const t = caseTotals(mixed);
    expect(result.verdict.reason).toMatch(new RegExp(`^${t.passed} of ${t.total} passed, ${t.skipped} skipped; ${bad.size} failed before and still fail: `));
    expect(result.comparison?.baseline).toEqual({ validationId: 'base-1', reused: true });
  });

  it('a test that passed before and fails now is broken, named exactly, and rejects', async () => {
    const mixed = await real('mixed');
    const now = changed(mixed, { set: { test_pass: 'failed' } });
    const result = gradeAgainstBaseline(input(now), baselineOf(mixed), NO_TEST_EDITS, false);
    expect(result.comparison?.broken).toEqual([id(mixed, 'test_pass')]);
    const still = result.comparison?.counts.stillFailing ?? 0;
    expect(result.verdict).toEqual({ outcome: 'rejected', code: 'tests_broken', reason: `broke 1 test that passed before: ${id(mixed, 'test_pass')} (${still} tests failed before and still fail)` });
  });

  it('a test that failed before and passes now is fixed', async () => {
    const mixed = await real('mixed');
    const now = changed(mixed, { set: { test_assert_fail: 'passed' } });
    const result = gradeAgainstBaseline(input(now), baselineOf(mixed), NO_TEST_EDITS, true);
    expect(result.comparison?.fixed).toEqual([id(mixed, 'test_assert_fail')]);
    expect(result.verdict.outcome).toBe('executed');
    expect(result.verdict.reason).toContain(`fixed 1: ${id(mixed, 'test_assert_fail')}`);
  });

  it('on a green baseline, fixing nothing and breaking nothing reads as the issue says', async () => {
    const green = await real('all-pass');
    const result = gradeAgainstBaseline(input(green), baselineOf(green), NO_TEST_EDITS, true);
    expect(result.verdict).toEqual({ outcome: 'executed', code: 'passed', reason: `${green.cases.length} of ${green.cases.length} passed` });
  });

  it('a baseline test gone, or skipped now, is removed and rejects', async () => {
    const green = await real('all-pass');
    const [first, second] = green.cases;
    const now = changed(green, { drop: [first?.name ?? ''], set: { [second?.name ?? '']: 'skipped' } });
    const result = gradeAgainstBaseline(input(now), baselineOf(green), NO_TEST_EDITS, true);
    expect(new Set(result.comparison?.removed)).toEqual(new Set([testIdentity(first ?? green.cases[0]!), testIdentity(second ?? green.cases[0]!)]));
    expect(result.verdict.outcome).toBe('rejected');
    expect(result.verdict.code).toBe('tests_removed');
    expect(result.verdict.reason).toMatch(/^removed 2 tests that ran before \(gone or skipped now\): /);
  });

  it('a test the change added that fails rejects; one that passes is listed as added', async () => {
    const green = await real('all-pass');
    const added = (name: string, status: TestStatus): TestCaseRecord => ({ suite: 'tests.test_new', name, file: 'tests/test_new.py', status, durationMs: 1, message: status === 'passed' ? null : 'boom' });
    const passing = gradeAgainstBaseline(input(changed(green, { add: [added('test_ok', 'passed')] })), baselineOf(green), NO_TEST_EDITS, true);
    expect(passing.comparison?.added).toEqual(['tests.test_new::test_ok']);
    expect(passing.verdict.outcome).toBe('executed');
    const failing = gradeAgainstBaseline(input(changed(green, { add: [added('test_ok', 'passed'), added('test_bad', 'failed')] })), baselineOf(green), NO_TEST_EDITS, true);
    expect(failing.verdict).toEqual({ outcome: 'rejected', code: 'added_tests_failed', reason: '1 test the change added fails: tests.test_new::test_bad' });
  });

  it('a flaky test is never broken, and is named', async () => {
    const green = await real('all-pass');
    const name = green.cases[0]?.name ?? '';
    const now = changed(green, { flaky: [name] });
    const result = gradeAgainstBaseline(input(now), baselineOf(green), NO_TEST_EDITS, true);
    expect(result.comparison?.flaky).toEqual([id(green, name)]);
    expect(result.comparison?.broken).toEqual([]);
    expect(result.verdict.outcome).toBe('executed');
    expect(result.verdict.reason).toContain(`flaky 1 (failed, then passed on a rerun, or failed where the baseline was flaky): ${id(green, name)}`);
    // Flaky in the baseline and failing now: flaky too, not broken.
    const flakyBase = baselineOf(changed(green, { flaky: [name] }));
    const failing = gradeAgainstBaseline(input(changed(green, { set: { [name]: 'failed' } })), flakyBase, NO_TEST_EDITS, true);
    expect(failing.comparison?.flaky).toEqual([id(green, name)]);
    expect(failing.verdict.outcome).toBe('executed');
  });

  it('a capped baseline calls no unknown test added or removed, says so, and still catches new failures', async () => {
    const mixed = await real('mixed');
    const full = baselineOf(mixed);
    // The cap keeps failures first: a baseline that kept only its failing tests.
    const capped = capReport(mixed, full.bad);
    const base = baselineOf(capped);
    expect(base.total).toBe(full.total);
    const result = compareToBaseline(base, changed(mixed, { set: { test_pass: 'failed' } }), null, true);
    expect(result.added).toEqual([]);
    expect(result.broken).toEqual([id(mixed, 'test_pass')]);
    expect(result.note).toMatch(/^the baseline kept \d+ of its \d+ tests: the others cannot be checked for removal/);
  });

  it('rules before the comparison stay first: collection errors, a report the runner contradicts', async () => {
    const collection = await real('collection-error');
    const base = baselineOf(await real('all-pass'));
    expect(gradeAgainstBaseline(input(collection), base, NO_TEST_EDITS, true)).toMatchObject({ verdict: { code: 'collection_error' }, comparison: null });
    const green = await real('all-pass');
    const forged = gradeAgainstBaseline(input(green, { runnerSummary: { runner: 'pytest', summary: { passed: 1, failed: 3, errors: 0, line: '3 failed, 1 passed' } } }), base, NO_TEST_EDITS, true);
    expect(forged.verdict.code).toBe('report_mismatch');
  });

  it('lists the existing test files the change modified or deleted', async () => {
    const green = await real('all-pass');
    const edits = { ...NO_TEST_EDITS, tests: { ...NO_TEST_EDITS.tests, modified: { count: 1, paths: ['tests/test_calc.py'] }, deleted: { count: 1, paths: ['tests/test_old.py'] } } };
    const result = compareToBaseline(baselineOf(green), green, edits, true);
    expect(result.modifiedTestFiles).toEqual(['tests/test_calc.py', 'tests/test_old.py']);
  });
});
