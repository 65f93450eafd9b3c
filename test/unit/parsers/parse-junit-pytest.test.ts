/**
 * parseJUnit against real pytest 7.2.1 reports (Debian bookworm, see
 * test/fixtures/reports/pytest/README.md). Each block first pins pytest's own closing line,
 * then checks the parsed records add up to it.
 */
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { tally, type TestReport, type TestStatus } from '../../../parsers/report.js';
import { pytestSummary, readFixture } from './fixture.js';

async function parsePytest(scenario: string): Promise<TestReport> {
  const result = await parseJUnit(readFixture(`pytest/${scenario}/junit.xml`), `${scenario}/junit.xml`);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('pytest: all passing', () => {
  it('counts the 4 tests pytest ran, parametrized ids included', async () => {
    expect(pytestSummary('all-pass')).toBe('4 passed');
    const report = await parsePytest('all-pass');
    expect(report.format).toBe('junit');
    expect(tally(report.cases)).toEqual({ total: 4, passed: 4, failed: 0, errors: 0, skipped: 0 });
    expect(report.cases.map((c) => c.name)).toEqual(['test_add', 'test_div', 'test_sign[-5--1]', 'test_sign[7-1]']);
    expect(report.cases.every((c) => c.suite === 'tests.test_calc' && c.file === null && c.message === null)).toBe(true);
    expect(report.cases[0]?.durationMs).toBe(1);
    expect(report.runErrors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});

// One row per distinct test: [suite suffix, name, status, message].
const MIXED: readonly (readonly [string, string, TestStatus, string | null])[] = [
  ['', 'test_pass', 'passed', null],
  ['', 'test_assert_fail', 'failed', 'assert 4 == 5\n +  where 4 = add(2, 2)'],
  ['', 'test_exception', 'failed', 'ZeroDivisionError: b must not be zero'],
  ['', 'test_skip', 'skipped', 'not ready'],
  ['', 'test_xfail', 'skipped', 'known bug'],
  ['', 'test_xpass', 'passed', null],
  ['', 'test_xpass_strict', 'failed', '[XPASS(strict)] must fail'],
  ['', 'test_fixture_error', 'error', 'failed on setup with "RuntimeError: fixture setup failed"'],
  ['', 'test_fail_and_teardown_error', 'error', 'assert 1 == 2\nfailed on teardown with "RuntimeError: teardown boom"'],
  ['', 'test_pass_then_teardown_error', 'error', 'failed on teardown with "RuntimeError: teardown boom"'],
  ['', 'test_ansi_output', 'failed', "AssertionError: assert '\\x1b[31mred\\x1b[0m' == 'green'\n  - green\n  + #x1B[31mred#x1B[0m"],
  ['', 'test_param[1-1-2]', 'passed', null],
  ['', 'test_param[2-2-5]', 'failed', 'assert 4 == 5\n +  where 4 = add(2, 2)'],
  ['', 'test_param[0-0-0]', 'passed', null],
  ['.TestGroup', 'test_method_pass', 'passed', null],
  ['.TestGroup', 'test_method_skip_inline', 'skipped', 'skipped at runtime'],
];

describe.each(['mixed', 'xunit1'])('pytest: every outcome kind (%s)', (scenario) => {
  it('matches what pytest printed, with each double-counted test counted once', async () => {
    expect(pytestSummary(scenario)).toBe('6 failed, 5 passed, 2 skipped, 1 xfailed, 1 xpassed, 3 errors');
    const report = await parsePytest(scenario);
    // pytest's 18 outcomes cover 16 tests ("collected 16 items"); two tests are counted twice:
    // - test_fail_and_teardown_error is "failed" and "error": one record, error (the worse);
    // - test_pass_then_teardown_error is "passed" and "error": one record, error.
    // So passed 5 + xpassed 1 - 1 = 5, failed 6 - 1 = 5, errors 3, skipped 2 + xfailed 1 = 3.
    expect(tally(report.cases)).toEqual({ total: 16, passed: 5, failed: 5, errors: 3, skipped: 3 });
    expect(report.runErrors).toEqual([]);
  });

  it('gives each test its status and message', async () => {
    const report = await parsePytest(scenario);
    expect(report.cases.map((c) => [c.suite.replace('tests.test_mixed', ''), c.name, c.status, c.message])).toEqual(MIXED);
  });

  it('merges the failed-call + teardown-error duplicate and says so', async () => {
    const report = await parsePytest(scenario);
    const merged = report.cases.filter((c) => c.name === 'test_fail_and_teardown_error');
    expect(merged).toHaveLength(1);
    // The suite attribute says tests="17" for 17 elements, so the duplicate is the only warning.
    expect(report.warnings).toEqual([
      'tests.test_mixed::test_fail_and_teardown_error appears in 2 <testcase> elements; merged into one error record',
    ]);
  });
});

describe('pytest: junit_family', () => {
  it('xunit2 carries no file; xunit1 carries the path relative to rootdir', async () => {
    const xunit2 = await parsePytest('mixed');
    const xunit1 = await parsePytest('xunit1');
    expect(new Set(xunit2.cases.map((c) => c.file))).toEqual(new Set([null]));
    expect(new Set(xunit1.cases.map((c) => c.file))).toEqual(new Set(['tests/test_mixed.py']));
  });
});

describe('pytest: collection errors', () => {
  const expectedRunErrors = [
    { kind: 'collection', where: 'tests/test_import.py', message: "ModuleNotFoundError: No module named 'not_installed_module'" },
    { kind: 'collection', where: 'tests/test_syntax.py', message: 'SyntaxError: invalid syntax' },
  ];

  it('interrupted session: no tests, two run-level errors', async () => {
    // pytest also printed "Interrupted: 2 errors during collection" and exited 2.
    expect(pytestSummary('collection-error')).toBe('2 errors');
    const report = await parsePytest('collection-error');
    expect(tally(report.cases).total).toBe(0);
    expect(report.runErrors).toEqual(expectedRunErrors);
    expect(report.warnings).toEqual([]);
  });

  it('--continue-on-collection-errors: the healthy module runs, the broken ones stay run errors', async () => {
    expect(pytestSummary('collection-error-continue')).toBe('1 passed, 2 errors');
    const report = await parsePytest('collection-error-continue');
    expect(tally(report.cases)).toEqual({ total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 });
    expect(report.cases[0]).toMatchObject({ suite: 'tests.test_ok', name: 'test_ok', status: 'passed' });
    expect(report.runErrors).toEqual(expectedRunErrors);
  });
});

describe('pytest: internal error', () => {
  it('a crashing plugin hook becomes one internal run error, not a test', async () => {
    // pytest printed INTERNALERROR> lines, exited 3, and wrote no coverage.xml.
    expect(pytestSummary('internal-error')).toBe('no tests ran');
    const report = await parsePytest('internal-error');
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([
      { kind: 'internal', where: 'pytest', message: 'RuntimeError: plugin exploded while sorting items' },
    ]);
  });
});

describe('pytest: nothing collected', () => {
  it('exit 5 still writes a report: an empty suite, parsed as zero tests without errors', async () => {
    expect(pytestSummary('no-tests')).toBe('no tests ran');
    const report = await parsePytest('no-tests');
    expect(report).toEqual({ format: 'junit', cases: [], runErrors: [], warnings: [] });
  });
});
