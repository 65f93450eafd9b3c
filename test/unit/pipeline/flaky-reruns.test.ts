/** Merging reruns into the first run by identity, the rerun arguments per toolchain, and the grade of flaky tests. */
import { describe, expect, it } from 'vitest';
import { testIdentity, type TestCaseRecord, type TestReport } from '../../../parsers/report.js';
import { failingIdentities, flakyNote, mergeRerun } from '../../../src/pipeline/flaky-merge.js';
import { grade } from '../../../src/pipeline/grade.js';
import { goToolchain } from '../../../src/toolchains/go/go-toolchain.js';
import { goRerunArgs } from '../../../src/toolchains/go/go-rerun.js';
import { jestRerunArgs } from '../../../src/toolchains/jest/jest-rerun.js';
import { mavenRerunArgs } from '../../../src/toolchains/maven/maven-rerun.js';
import { minitestRerunArgs, rspecRerunArgs } from '../../../src/toolchains/ruby/ruby-rerun.js';
import { goReportFiles } from '../../fixtures/reports/go/fixture-files.js';

async function goMixed(): Promise<TestReport> {
  const report = (await goToolchain.collect(goReportFiles('mixed'))).tests;
  if (report === null) throw new Error('the go fixture did not read');
  return report;
}

/** The report as a rerun of only `ids` would leave it, each with the status given. */
function rerunOf(first: TestReport, statuses: Record<string, TestCaseRecord['status']>): TestReport {
  const cases = first.cases.filter((c) => statuses[testIdentity(c)] !== undefined).map((c) => ({ ...c, status: statuses[testIdentity(c)] ?? c.status, message: null }));
  return { ...first, cases };
}

describe('mergeRerun', () => {
  it('marks a failing test that passed on the rerun flaky, by identity, and leaves the rest', async () => {
    const first = await goMixed();
    const failing = failingIdentities(first);
    expect(failing).toContain('example.com/kit/calc/TestAdd');
    const [flakyOne, ...stillFailing] = failing;
    if (flakyOne === undefined) throw new Error('no failing test in the fixture');
    const rerun = rerunOf(first, Object.fromEntries([[flakyOne, 'passed'], ...stillFailing.map((id) => [id, 'failed'])]));
    const merged = mergeRerun(first, rerun, 1);
    expect(merged.flaky).toEqual([{ id: flakyOne, rerun: 1 }]);
    const record = merged.report.cases.find((c) => testIdentity(c) === flakyOne);
    expect(record?.status).toBe('passed');
    expect(record?.flaky).toBe(true);
    expect(record?.message).toMatch(/^failed, then passed on rerun 1/);
    expect(failingIdentities(merged.report)).toEqual(stillFailing);
    expect(merged.report.cases.map(testIdentity)).toEqual(first.cases.map(testIdentity));
    // Tests that passed the first time are untouched, even if a rerun says otherwise.
    const passed = first.cases.find((c) => c.status === 'passed');
    if (passed === undefined) throw new Error('no passing test in the fixture');
    const noisy = mergeRerun(first, rerunOf(first, { [testIdentity(passed)]: 'failed' }), 1);
    expect(noisy.report).toEqual(first);
    expect(noisy.flaky).toEqual([]);
  });

  it('a skip or an error on the rerun is no pass', async () => {
    const first = await goMixed();
    const [one, two] = failingIdentities(first);
    if (one === undefined || two === undefined) throw new Error('fixture needs two failing tests');
    const merged = mergeRerun(first, rerunOf(first, { [one]: 'skipped', [two]: 'error' }), 2);
    expect(merged.flaky).toEqual([]);
    expect(failingIdentities(merged.report)).toEqual(failingIdentities(first));
  });

  it('names flaky tests in a bounded note', () => {
    expect(flakyNote([])).toBeNull();
    expect(flakyNote([{ id: 'tests/test_x.py::test_y', rerun: 1 }])).toBe('1 flaky: tests/test_x.py::test_y passed on rerun 1');
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `t${i}`, rerun: 2 }));
    expect(flakyNote(many)).toBe('7 flaky: t0 passed on rerun 2, t1 passed on rerun 2, t2 passed on rerun 2, t3 passed on rerun 2, t4 passed on rerun 2 and 2 more');
  });
});

describe('rerun arguments from identities', () => {
  it('go: one exact -run pattern of top-level tests, and their packages', () => {
    expect(goRerunArgs(['example.com/kit/calc/TestAbs/wrong/want', 'example.com/kit/calc/TestAbs', 'example.com/kit/strutil/TestReverse'])).toEqual([
      '^(TestAbs|TestReverse)$',
      'example.com/kit/calc',
      'example.com/kit/strutil',
    ]);
    expect(goRerunArgs(['no-test-here'])).toBeNull();
  });

  it('jest: an escaped full-name pattern and the files', () => {
    expect(jestRerunArgs(['test/calc.test.js › calc › div › refuses zero (x+1)', 'test/a.test.js › top'])).toEqual([
      '^(calc div refuses zero \\(x\\+1\\)|top)$',
      'test/calc.test.js',
      'test/a.test.js',
    ]);
  });

  it('maven: -Dtest=Class#a+b, and nothing Surefire would read as a pattern', () => {
    expect(mavenRerunArgs(['com.example.CalcTest#adds', 'com.example.CalcTest#divides', 'com.example.WordsTest#caps', 'x.ParamTest#[1] 2, 3'])).toEqual([
      '-Dtest=com.example.CalcTest#adds+divides,com.example.WordsTest#caps',
      '-DfailIfNoTests=false',
      '-Dsurefire.failIfNoSpecifiedTests=false',
    ]);
  });

  it('rspec: the example ids; minitest: one exact -n filter; duplicates by their base name', () => {
    expect(rspecRerunArgs(['spec/calc_spec.rb[1:3:1] Calc.div refuses zero', 'spec/x_spec.rb[2:1] a b (2)'])).toEqual(['spec/calc_spec.rb[1:3:1]', 'spec/x_spec.rb[2:1]']);
    expect(minitestRerunArgs(['CalcTest#test_add', 'SignTest#test_negative (2)', "Bad#it's"])).toEqual(['/^(CalcTest#test_add|SignTest#test_negative)$/']);
  });
});

describe('grading flaky tests', () => {
  const exited = (exitCode: number) => ({ command: [], exitCode, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 1000, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 });
  const record = (name: string, extra: Partial<TestCaseRecord> = {}): TestCaseRecord => ({ id: `tests/test_x.py::${name}`, suite: 'tests.test_x', name, file: null, status: 'passed', durationMs: 1, message: null, ...extra });
  const input = (cases: TestCaseRecord[], flaky: { id: string; rerun: number }[], witness: { passed: number; failed: number }) => ({
    build: null,
    test: exited(1),
    oomKilled: false,
    reports: { tests: { format: 'junit', cases, runErrors: [], warnings: [] }, testsProblem: null, coverage: null, coverageProblem: null },
    minCoverage: null,
    memoryBytes: 1 << 30,
    outputLimitBytes: 1 << 20,
    runnerSummary: { runner: 'pytest', summary: { line: 'x', passed: witness.passed, failed: witness.failed, errors: 0 } },
    explainMissingReport: () => 'none',
    flaky,
  });

  it('executed, naming the flaky test, when the first run failed only it', () => {
    const cases = [record('test_a'), record('test_b'), record('test_y', { flaky: true, message: 'failed, then passed on rerun 1' })];
    const verdict = grade(input(cases, [{ id: 'tests/test_x.py::test_y', rerun: 1 }], { passed: 2, failed: 1 }));
    expect(verdict).toEqual({ outcome: 'executed', code: 'passed', reason: '3 of 3 tests passed (1 flaky: tests/test_x.py::test_y passed on rerun 1)' });
  });

  it('the witness may not have seen more failures than there are flaky tests', () => {
    const cases = [record('test_a'), record('test_b'), record('test_y', { flaky: true })];
    expect(grade(input(cases, [{ id: 'tests/test_x.py::test_y', rerun: 1 }], { passed: 1, failed: 2 })).code).toBe('report_mismatch');
  });

  it('a test that still fails is rejected, the flaky one named beside it', () => {
    const cases = [record('test_a', { status: 'failed', message: 'boom' }), record('test_y', { flaky: true })];
    const verdict = grade(input(cases, [{ id: 'tests/test_x.py::test_y', rerun: 2 }], { passed: 0, failed: 2 }));
    expect(verdict.code).toBe('tests_failed');
    expect(verdict.reason).toBe('1 of 2 tests failed: test_a (1 flaky: tests/test_x.py::test_y passed on rerun 2)');
  });
});
