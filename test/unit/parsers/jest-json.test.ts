/**
 * `jest --json` reports written by jest 29.7 in the jest image (see
 * test/fixtures/reports/jest/README.md). Counts are checked against the summary lines jest
 * printed for the same run, read from console.txt.
 */
import { describe, expect, it } from 'vitest';
import { parseJestJson } from '../../../parsers/jest-json/parse-jest-json.js';
import { tally, type TestReport } from '../../../parsers/report.js';
import { readFixture } from './fixture.js';

/** "Tests:       2 failed, 1 skipped, 1 todo, 6 passed, 10 total" as { failed: 2, skipped: 1, … }. */
function jestSummary(scenario: string, label: 'Tests' | 'Test Suites'): Record<string, number> {
  const line = readFixture(`jest/${scenario}/console.txt`)
    .split('\n')
    .find((l) => l.startsWith(`${label}:`));
  const counts: Record<string, number> = {};
  for (const [, n, word] of (line ?? '').matchAll(/(\d+) (\w+)/g)) counts[word ?? ''] = Number(n);
  return counts;
}

function parseScenario(scenario: string): TestReport {
  const result = parseJestJson(readFixture(`jest/${scenario}/jest.json`), 'jest.json', '/workspace');
  if (!result.ok) throw result.error;
  return result.value;
}

/** Files whose suite jest counted as failed: a failing test or a run-level error. */
function failedSuites(report: TestReport): number {
  const files = new Set(report.runErrors.map((e) => e.where));
  for (const c of report.cases) if (c.status === 'failed' || c.status === 'error') files.add(c.file ?? '');
  return files.size;
}

describe('jest --json on real reports', () => {
  it('reads a passing run: one record per test, suites named by file and describe blocks', () => {
    const report = parseScenario('pass');
    expect(jestSummary('pass', 'Tests')).toEqual({ passed: 3, total: 3 });
    expect(tally(report.cases)).toEqual({ total: 3, passed: 3, failed: 0, errors: 0, skipped: 0 });
    expect(report.cases.map((c) => [c.suite, c.name, c.file])).toEqual([
      ['test/calc.test.js > calc', 'adds', 'test/calc.test.js'],
      ['test/calc.test.js > calc', 'divides', 'test/calc.test.js'],
      ['test/calc.test.js > calc > div', 'refuses zero', 'test/calc.test.js'],
    ]);
    expect(report.runErrors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.format).toBe('jest-json');
  });

  it('counts failed expectations and thrown errors as failed, skip and todo as skipped, as jest does', () => {
    const report = parseScenario('mixed');
    const printed = jestSummary('mixed', 'Tests');
    expect(printed).toEqual({ failed: 2, skipped: 1, todo: 1, passed: 6, total: 10 });
    expect(tally(report.cases)).toEqual({
      total: printed['total'],
      passed: printed['passed'],
      failed: printed['failed'],
      errors: 0,
      skipped: (printed['skipped'] ?? 0) + (printed['todo'] ?? 0),
    });
    expect(failedSuites(report)).toBe(jestSummary('mixed', 'Test Suites')['failed']);
    expect(report.warnings).toEqual([]);
  });

  it('never counts a todo as passed, and marks it as a todo', () => {
    const todo = parseScenario('mixed').cases.find((c) => c.name === 'is still to do');
    expect(todo).toMatchObject({ status: 'skipped', message: 'todo', durationMs: null });
    const skipped = parseScenario('mixed').cases.find((c) => c.name === 'is skipped');
    expect(skipped).toMatchObject({ status: 'skipped', message: null, durationMs: null });
  });

  it('keeps the failure text without its stack, and nested and top-level suites apart', () => {
    const cases = parseScenario('mixed').cases;
    expect(cases.find((c) => c.name === 'fails an expectation')?.message).toBe('Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 5\nReceived: 4');
    expect(cases.find((c) => c.name === 'throws unexpectedly')?.message).toBe('RangeError: b must not be zero');
    expect(cases.find((c) => c.name === 'passes deeper')?.suite).toBe('test/mixed.test.js > mixed > nested');
    expect(cases.find((c) => c.name === 'top level, outside any describe')?.suite).toBe('test/mixed.test.js');
  });

  it('turns every suite that failed to run into a run-level error, so zero failed tests is not a pass', () => {
    const report = parseScenario('suite-errors');
    expect(jestSummary('suite-errors', 'Tests')).toEqual({ passed: 4, total: 4 });
    expect(jestSummary('suite-errors', 'Test Suites')).toEqual({ failed: 5, passed: 1, total: 6 });
    expect(tally(report.cases)).toEqual({ total: 4, passed: 4, failed: 0, errors: 0, skipped: 0 });
    expect(failedSuites(report)).toBe(5);
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'test/after-all.test.js', message: 'cleanup failed' },
      { kind: 'suite-load', where: 'test/missing-module.test.js', message: "Cannot find module './does-not-exist' from 'test/missing-module.test.js'" },
      { kind: 'suite-load', where: 'test/throws-at-import.test.js', message: 'boom at import' },
      // The SyntaxError under "Details:", not jest's page of advice.
      { kind: 'suite-load', where: 'test/syntax-error.test.js', message: 'SyntaxError: /workspace/test/syntax-error.test.js: Unexpected token (3:0)' },
      { kind: 'suite-load', where: 'test/empty.test.js', message: 'Your test suite must contain at least one test.' },
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('ignores the title-less "error" assertions jest-junit adds to the results, keeping the same errors', () => {
    const mutated = parseScenario('suite-errors-jest-junit');
    const plain = parseScenario('suite-errors');
    expect(mutated.cases.map((c) => `${c.suite}::${c.name}:${c.status}`)).toEqual(plain.cases.map((c) => `${c.suite}::${c.name}:${c.status}`));
    expect(mutated.runErrors).toEqual(plain.runErrors);
    expect(mutated.warnings).toEqual([]);
  });

  it('strips the ANSI colours ts-jest puts in a type error, though FORCE_COLOR=0 was set', () => {
    expect(readFixture('jest/ts-type-error/jest.json')).toContain('\\u001b[');
    const report = parseScenario('ts-type-error');
    expect(jestSummary('ts-type-error', 'Tests')).toEqual({ passed: 3, total: 3 });
    expect(tally(report.cases).passed).toBe(3);
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'test/typed.test.ts', message: "test/typed.test.ts:4:32 - error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'." },
    ]);
  });

  it('reads a run that found no tests as zero records, not as an error', () => {
    expect(readFixture('jest/no-tests/console.txt')).toContain('No tests found, exiting with code 0');
    const report = parseScenario('no-tests');
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([]);
  });
});

describe('jest --json robustness', () => {
  const minimal = (testResults: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ numTotalTests: 1, numPassedTests: 1, numFailedTests: 0, numPendingTests: 0, success: true, testResults, ...extra });

  it('refuses empty, non-JSON and non-jest input with a reason', () => {
    const empty = parseJestJson('  \n', 'jest.json', '/workspace');
    expect(empty.ok ? null : empty.error.reason).toBe('the file is empty');
    const truncated = parseJestJson('{"numTotalTests": 3, "testRe', 'jest.json', '/workspace');
    expect(truncated.ok ? null : truncated.error.reason).toMatch(/^not JSON: /);
    const other = parseJestJson('{"examples": []}', 'jest.json', '/workspace');
    expect(other.ok ? null : other.error.reason).toMatch(/^not a jest --json report at numTotalTests: /);
    const badStatus = parseJestJson(minimal([{ name: '/workspace/a.test.js', status: 'passed', assertionResults: [{ status: 7 }] }]), 'jest.json', '/workspace');
    expect(badStatus.ok ? null : badStatus.error.reason).toMatch(/^not a jest --json report at testResults\.0\.assertionResults\.0\.status: /);
  });

  it('counts an unknown status as an error, with a warning, never as a pass', () => {
    const result = parseJestJson(
      minimal([{ name: '/workspace/a.test.js', status: 'passed', message: '', assertionResults: [{ ancestorTitles: [], title: 't', status: 'focused', failureMessages: [] }] }]),
      'jest.json',
      '/workspace',
    );
    expect(result.ok && result.value.cases[0]).toMatchObject({ status: 'error', message: 'unknown jest status "focused"' });
    expect(result.ok && result.value.warnings[0]).toBe('a.test.js: test "t" has the unknown status "focused"; counted as an error');
  });

  it('warns when the counters disagree with the tests the files hold', () => {
    const result = parseJestJson(minimal([], { numTotalTests: 2, wasInterrupted: true }), 'jest.json', '/workspace');
    expect(result.ok && result.value.warnings).toEqual([
      'numTotalTests says 2 but the test files hold 0',
      'numPassedTests says 1 but the test files hold 0',
      'jest reports the run was interrupted',
    ]);
  });

  it('keeps a path outside the project root as it is', () => {
    const result = parseJestJson(
      minimal([{ name: '/elsewhere/a.test.js', status: 'passed', assertionResults: [{ ancestorTitles: [], title: 't', status: 'passed', duration: 2 }] }]),
      'jest.json',
      '/workspace',
    );
    expect(result.ok && result.value.cases[0]?.file).toBe('/elsewhere/a.test.js');
  });
});
