// Over 300 lines: one case per verdict code of grade.ts, a pure function, kept in one file so the
// precedence between the codes reads in one place.
import { describe, expect, it } from 'vitest';
import { type CoverageSummary, ReportParseError, type TestCaseRecord, type TestReport, type TestStatus } from '../../../parsers/report.js';
import { grade, type GradeInput } from '../../../src/pipeline/grade.js';
import type { SummaryReading } from '../../../src/pipeline/runner-summary.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import type { RunUsage } from '../../../src/sandbox/run-usage.js';
import type { CollectedReports } from '../../../src/toolchains/toolchain.js';

function run(overrides: Partial<CommandResult> = {}): CommandResult {
  return {
    command: ['sh', '-c', 'pytest'],
    exitCode: 0,
    signal: null,
    timedOut: false,
    outputLimitExceeded: false,
    outputTruncated: false,
    durationMs: 1234,
    stdout: '',
    stderr: '',
    stdoutBytes: 0,
    stderrBytes: 0,
    ...overrides,
  };
}

const MIB = 1024 * 1024;

function usage(overrides: Partial<RunUsage> = {}): RunUsage {
  return { cpuNanos: 1, oomKills: 0, forksRefused: 0, fullMounts: [], leftoverTasks: 0, leftoverStop: 'none-left', ...overrides };
}

function testCase(name: string, status: TestStatus): TestCaseRecord {
  return { suite: 'tests.test_calc', name, file: 'tests/test_calc.py', status, durationMs: 3, message: status === 'passed' ? null : `${status}!` };
}

function report(cases: readonly TestCaseRecord[], runErrors: TestReport['runErrors'] = []): TestReport {
  return { format: 'junit', cases, runErrors, warnings: [] };
}

function coverage(linesPct: number | null): CoverageSummary {
  return { format: 'cobertura', linesPct, linesCovered: 0, linesValid: 0, branchesPct: null, branchesCovered: 0, branchesValid: 0 };
}

function reports(tests: TestReport | null, cov: CoverageSummary | null = coverage(100), coverageProblem: ReportParseError | null = null): CollectedReports {
  return { tests, testsProblem: tests === null ? new ReportParseError('junit.xml', 'no report was written') : null, coverage: cov, coverageProblem };
}

const explain = (exitCode: number | null): string => `explained exit ${exitCode ?? 'null'}`;

const passing = report([testCase('test_add', 'passed'), testCase('test_sub', 'passed'), testCase('test_mul', 'passed')]);

function input(overrides: Partial<GradeInput> = {}): GradeInput {
  return {
    build: null,
    test: run(),
    oomKilled: false,
    reports: reports(passing),
    minCoverage: null,
    memoryBytes: 1024 * 1024 * 1024,
    outputLimitBytes: 16 * 1024 * 1024,
    explainMissingReport: explain,
    ...overrides,
  };
}

describe('grade', () => {
  it('executes a run where every test passed, stating how many and the coverage', () => {
    expect(grade(input())).toEqual({ outcome: 'executed', code: 'passed', reason: '3 of 3 tests passed; 100.0% of lines covered' });
  });

  it('mentions skipped tests and leaves coverage out when none was measured', () => {
    const withSkip = report([testCase('a', 'passed'), testCase('b', 'passed'), testCase('c', 'skipped')]);
    expect(grade(input({ reports: reports(withSkip, null) }))).toEqual({ outcome: 'executed', code: 'passed', reason: '2 of 3 tests passed, 1 skipped' });
    expect(grade(input({ reports: reports(passing, coverage(null)) })).reason).toBe('3 of 3 tests passed');
  });

  it('executes a run that passed a successful build step', () => {
    expect(grade(input({ build: run({ command: ['make'] }) })).outcome).toBe('executed');
  });

  it('rejects failed and errored tests, naming them', () => {
    const mixed = report([testCase('test_add', 'passed'), testCase('test_sub', 'failed'), testCase('test_div', 'error')]);
    expect(grade(input({ test: run({ exitCode: 1 }), reports: reports(mixed) }))).toEqual({
      outcome: 'rejected',
      code: 'tests_failed',
      reason: '2 of 3 tests failed: test_sub, test_div',
    });
  });

  it('names at most five failed tests and counts the rest as "and N more"', () => {
    const seven = report([...Array.from({ length: 7 }, (_, i) => testCase(`t${i + 1}`, 'failed')), testCase('ok', 'passed')]);
    expect(grade(input({ test: run({ exitCode: 1 }), reports: reports(seven) })).reason).toBe('7 of 8 tests failed: t1, t2, t3, t4, t5 and 2 more');
    const five = report(Array.from({ length: 5 }, (_, i) => testCase(`t${i + 1}`, 'failed')));
    expect(grade(input({ test: run({ exitCode: 1 }), reports: reports(five) })).reason).toBe('5 of 5 tests failed: t1, t2, t3, t4, t5');
  });

  it('notes failures the runner hid behind exit code 0', () => {
    const failing = report([testCase('test_add', 'passed'), testCase('test_sub', 'failed')]);
    const verdict = grade(input({ test: run({ exitCode: 0 }), reports: reports(failing) }));
    expect(verdict.code).toBe('tests_failed');
    expect(verdict.reason).toBe('1 of 2 tests failed: test_sub (although the runner exited 0)');
  });

  it('rejects a run whose report is all green but whose exit code is not 0', () => {
    expect(grade(input({ test: run({ exitCode: 1 }) }))).toEqual({
      outcome: 'rejected',
      code: 'exit_code_mismatch',
      reason: 'every test in the report passed, but the test run exited with code 1',
    });
    expect(grade(input({ test: run({ exitCode: 137, signal: 'SIGKILL' }) })).reason).toMatch(/exited with code 137 \(SIGKILL\)$/);
    expect(grade(input({ test: run({ exitCode: null }) })).reason).toMatch(/exited with code unknown$/);
  });

  it('explains a report with no test cases from exit code 5 using the toolchain', () => {
    expect(grade(input({ test: run({ exitCode: 5 }), reports: reports(report([])) }))).toEqual({ outcome: 'rejected', code: 'no_tests', reason: 'explained exit 5' });
  });

  it('says "no tests ran" for a report with no test cases after a clean exit', () => {
    expect(grade(input({ test: run({ exitCode: 0 }), reports: reports(report([])) }))).toEqual({ outcome: 'rejected', code: 'no_tests', reason: 'no tests ran' });
  });

  it('rejects a run where every test was skipped', () => {
    const skipped = report([testCase('a', 'skipped'), testCase('b', 'skipped')]);
    expect(grade(input({ reports: reports(skipped) }))).toEqual({ outcome: 'rejected', code: 'no_tests', reason: 'no tests ran: all 2 were skipped' });
  });

  it('rejects run-level errors as a collection error, naming where the first happened and counting the rest', () => {
    const broken = report([testCase('test_ok', 'passed')], [
      { kind: 'collection', where: 'tests/test_broken.py', message: "ImportError: cannot import name 'mul'" },
      { kind: 'collection', where: 'tests/test_other.py', message: 'SyntaxError' },
    ]);
    expect(grade(input({ test: run({ exitCode: 2 }), reports: reports(broken) }))).toEqual({
      outcome: 'rejected',
      code: 'collection_error',
      reason: "tests could not be collected: tests/test_broken.py: ImportError: cannot import name 'mul' (and 1 more)",
    });
    const one = report([], [{ kind: 'collection', where: 'conftest.py', message: 'boom' }]);
    expect(grade(input({ reports: reports(one) })).reason).toBe('tests could not be collected: conftest.py: boom');
  });

  it('rejects a test run that timed out, in whole seconds', () => {
    expect(grade(input({ test: run({ timedOut: true, durationMs: 300_400, exitCode: null }) }))).toEqual({ outcome: 'rejected', code: 'timeout', reason: 'timed out after 300 s' });
  });

  it('rejects a build step that timed out', () => {
    expect(grade(input({ build: run({ timedOut: true, durationMs: 61_000, exitCode: null }) }))).toEqual({ outcome: 'rejected', code: 'timeout', reason: 'build timed out after 61 s' });
  });

  it('rejects each limit of the test run with its own code and a reason naming the limit', () => {
    const limited = (test: CommandResult) => grade(input({ test, pidsLimit: 64, cpuTimeMs: 3_000, reports: reports(null) }));
    expect(limited(run({ exitCode: 0, usage: usage({ forksRefused: 191 }) }))).toEqual({
      outcome: 'rejected',
      code: 'pids_limit',
      reason: 'hit the process limit: the tests tried to run more processes and threads at once than allowed (limit 64)',
    });
    expect(limited(run({ exitCode: 3, usage: usage({ fullMounts: [{ path: '/workspace', sizeBytes: 64 * MIB }, { path: '/tmp', sizeBytes: 16 * MIB }] }) }))).toEqual({
      outcome: 'rejected',
      code: 'disk_full',
      reason: 'ran out of disk space: /workspace (64 MiB) and /tmp (16 MiB) filled up',
    });
    expect(limited(run({ exitCode: 137, signal: 'SIGKILL', cpuLimitExceeded: true }))).toEqual({
      outcome: 'rejected',
      code: 'cpu_time',
      reason: 'stopped: used more CPU time than allowed (limit 3 s)',
    });
    expect(limited(run({ usage: usage({ oomKills: 2 }) }))).toEqual({ outcome: 'rejected', code: 'oom', reason: 'killed: out of memory (limit 1024 MiB)' });
  });

  it('rejects the limits the build step hit as the build\'s, before its exit code', () => {
    const build = (b: Partial<CommandResult>) => grade(input({ build: run({ exitCode: 137, ...b }), pidsLimit: 64, cpuTimeMs: 60_000 }));
    expect(build({ usage: usage({ oomKills: 1 }) })).toEqual({ outcome: 'rejected', code: 'oom', reason: 'build killed: out of memory (limit 1024 MiB)' });
    expect(build({ usage: usage({ forksRefused: 1 }) }).reason).toBe('build hit the process limit: the build tried to run more processes and threads at once than allowed (limit 64)');
    expect(build({ cpuLimitExceeded: true })).toEqual({ outcome: 'rejected', code: 'cpu_time', reason: 'build stopped: used more CPU time than allowed (limit 60 s)' });
    expect(build({ outputLimitExceeded: true }).reason).toBe('build stopped: the build printed more than 16777216 bytes');
    expect(build({ usage: usage({ fullMounts: [{ path: '/tmp', sizeBytes: 16 * MIB }] }) }).reason).toBe('build ran out of disk space: /tmp (16 MiB) filled up');
  });

  it('leaves a limit out of the reason when the caller does not say it', () => {
    expect(grade(input({ test: run({ cpuLimitExceeded: true }) })).reason).toBe('stopped: used more CPU time than allowed');
    expect(grade(input({ test: run({ usage: usage({ forksRefused: 1 }) }) })).reason).toBe('hit the process limit: the tests tried to run more processes and threads at once than allowed');
  });

  it('rejects a run killed for memory, naming the limit in MiB', () => {
    expect(grade(input({ oomKilled: true, memoryBytes: 512 * 1024 * 1024, test: run({ exitCode: 137, signal: 'SIGKILL' }) }))).toEqual({
      outcome: 'rejected',
      code: 'oom',
      reason: 'killed: out of memory (limit 512 MiB)',
    });
  });

  it('rejects a run stopped for printing too much, naming the limit', () => {
    expect(grade(input({ outputLimitBytes: 2048, test: run({ outputLimitExceeded: true, exitCode: null }) }))).toEqual({
      outcome: 'rejected',
      code: 'output_limit',
      reason: 'stopped: the tests printed more than 2048 bytes',
    });
  });

  it('explains a missing report with the toolchain, from the exit code', () => {
    expect(grade(input({ test: run({ exitCode: 3 }), reports: reports(null) }))).toEqual({ outcome: 'rejected', code: 'no_report', reason: 'explained exit 3' });
    expect(grade(input({ test: run({ exitCode: null }), reports: reports(null) })).reason).toBe('explained exit null');
    // Exit code 5 is "none collected" only for a toolchain that says so (pytest); for another it is just a missing report.
    expect(grade(input({ test: run({ exitCode: 5 }), reports: reports(null) }))).toEqual({ outcome: 'rejected', code: 'no_report', reason: 'explained exit 5' });
    const collectsNone = (code: number | null) => code === 5;
    expect(grade(input({ test: run({ exitCode: 5 }), reports: reports(null), noTestsCollected: collectsNone }))).toEqual({ outcome: 'rejected', code: 'no_tests', reason: 'explained exit 5' });
    expect(grade(input({ test: run({ exitCode: 3 }), reports: reports(null), noTestsCollected: collectsNone })).code).toBe('no_report');
  });

  it('rejects a failed build with the first output line that mentions an error', () => {
    const build = run({ command: ['make'], exitCode: 2, stdout: 'compiling a.c\n  a.c:3:1: ERROR: expected ";"\nlater error\n', stderr: 'warning: unused x\n' });
    expect(grade(input({ build }))).toEqual({ outcome: 'rejected', code: 'build_failed', reason: 'build failed: a.c:3:1: ERROR: expected ";"' });
  });

  it('prefers an error line on stderr and falls back to the first line, then to the exit code', () => {
    expect(grade(input({ build: run({ exitCode: 1, stdout: 'stdout error\n', stderr: 'stderr error\n' }) })).reason).toBe('build failed: stderr error');
    expect(grade(input({ build: run({ exitCode: 1, stdout: '\n  first line  \nsecond\n' }) })).reason).toBe('build failed: first line');
    expect(grade(input({ build: run({ exitCode: 2 }) })).reason).toBe('build failed: exit code 2');
    expect(grade(input({ build: run({ exitCode: null }) })).reason).toBe('build failed: exit code unknown');
  });

  it('rejects coverage below the minimum and accepts coverage exactly at it', () => {
    expect(grade(input({ minCoverage: 80, reports: reports(passing, coverage(72.25)) }))).toEqual({
      outcome: 'rejected',
      code: 'coverage_low',
      reason: 'coverage 72.2% of lines is below the minimum 80%',
    });
    expect(grade(input({ minCoverage: 80, reports: reports(passing, coverage(80)) }))).toMatchObject({ outcome: 'executed', reason: '3 of 3 tests passed; 80.0% of lines covered' });
  });

  it('never shows a coverage below the minimum rounded up to the minimum or above it', () => {
    const verdict = grade(input({ minCoverage: 80, reports: reports(passing, coverage(79.96)) }));
    expect(verdict.code).toBe('coverage_low');
    const shown = Number(/^coverage ([\d.]+)% of lines/.exec(verdict.reason)?.[1]);
    expect(shown).toBeLessThan(80);
  });

  it('ignores low coverage when no minimum is set', () => {
    expect(grade(input({ minCoverage: null, reports: reports(passing, coverage(3)) })).outcome).toBe('executed');
  });

  it('rejects a run whose coverage could not be measured when a minimum is set, saying why', () => {
    const missing = grade(input({ minCoverage: 50, reports: reports(passing, null, new ReportParseError('coverage.xml', 'no report was written')) }));
    expect(missing).toEqual({ outcome: 'rejected', code: 'coverage_unmeasured', reason: 'coverage could not be measured (no report was written) and a minimum of 50% is set' });
    const noLines = grade(input({ minCoverage: 50, reports: reports(passing, coverage(null)) }));
    expect(noLines).toEqual({ outcome: 'rejected', code: 'coverage_unmeasured', reason: 'coverage could not be measured (no lines measured) and a minimum of 50% is set' });
  });

  it('puts a timeout before failed tests', () => {
    const failing = report([testCase('a', 'failed')]);
    expect(grade(input({ test: run({ timedOut: true, exitCode: 1, durationMs: 10_000 }), reports: reports(failing) })).code).toBe('timeout');
  });

  it('puts a limit the kernel enforced before the clock that ended the run: it is the likelier cause of the hang', () => {
    expect(grade(input({ test: run({ timedOut: true }), oomKilled: true })).code).toBe('oom');
    expect(grade(input({ test: run({ timedOut: true, usage: usage({ forksRefused: 3 }) }) })).code).toBe('pids_limit');
    expect(grade(input({ test: run({ cpuLimitExceeded: true, usage: usage({ fullMounts: [{ path: '/tmp', sizeBytes: MIB }] }) }) })).code).toBe('disk_full');
  });

  it('orders the limits oom, pids_limit, disk_full, cpu_time, timeout, output_limit', () => {
    const all = { oomKills: 1, forksRefused: 1, fullMounts: [{ path: '/tmp', sizeBytes: MIB }] };
    const code = (test: CommandResult) => grade(input({ test })).code;
    expect(code(run({ cpuLimitExceeded: true, timedOut: true, outputLimitExceeded: true, usage: usage(all) }))).toBe('oom');
    expect(code(run({ cpuLimitExceeded: true, timedOut: true, outputLimitExceeded: true, usage: usage({ ...all, oomKills: 0 }) }))).toBe('pids_limit');
    expect(code(run({ cpuLimitExceeded: true, timedOut: true, outputLimitExceeded: true, usage: usage({ fullMounts: all.fullMounts }) }))).toBe('disk_full');
    expect(code(run({ cpuLimitExceeded: true, timedOut: true, outputLimitExceeded: true, usage: usage() }))).toBe('cpu_time');
    expect(code(run({ timedOut: true, outputLimitExceeded: true }))).toBe('timeout');
    expect(code(run({ outputLimitExceeded: true }))).toBe('output_limit');
  });

  it('puts a failed build before anything the test run did', () => {
    expect(grade(input({ build: run({ exitCode: 1, stderr: 'error: x' }), test: run({ timedOut: true }), oomKilled: true })).code).toBe('build_failed');
  });

  it('puts running out of memory before a missing report and before the output limit', () => {
    expect(grade(input({ oomKilled: true, test: run({ exitCode: 137, signal: 'SIGKILL' }), reports: reports(null) })).code).toBe('oom');
    expect(grade(input({ oomKilled: true, test: run({ outputLimitExceeded: true }) })).code).toBe('oom');
  });

  it('puts the output limit before a missing report', () => {
    expect(grade(input({ test: run({ outputLimitExceeded: true, exitCode: null }), reports: reports(null) })).code).toBe('output_limit');
  });

  it('puts collection errors before failed tests, and failed tests before low coverage', () => {
    const both = report([testCase('a', 'failed')], [{ kind: 'collection', where: 'x.py', message: 'bad' }]);
    expect(grade(input({ test: run({ exitCode: 1 }), reports: reports(both) })).code).toBe('collection_error');
    const failing = report([testCase('a', 'failed')]);
    expect(grade(input({ minCoverage: 90, test: run({ exitCode: 1 }), reports: reports(failing, coverage(10)) })).code).toBe('tests_failed');
  });
});

describe('grade checks the report against the runner\'s own summary', () => {
  const summary = (line: string, passed: number, failed = 0, errors = 0): SummaryReading => ({ runner: 'pytest', summary: { line, passed, failed, errors } });

  it('executes when the summary agrees with the report', () => {
    expect(grade(input({ runnerSummary: summary('=== 3 passed in 0.01s ===', 3) })).outcome).toBe('executed');
  });

  it('rejects a passing report when the runner printed no closing summary: the run was cut short', () => {
    expect(grade(input({ runnerSummary: { runner: 'pytest', summary: null } }))).toEqual({
      outcome: 'rejected',
      code: 'report_mismatch',
      reason: 'pytest printed no closing summary, so the report claiming 3 passed tests is not believed (did a test end the run early?)',
    });
  });

  it('rejects a passing report when the summary counts failures or errors, or fewer passes', () => {
    expect(grade(input({ runnerSummary: summary('=== 1 failed, 2 passed in 0.05s ===', 2, 1) }))).toEqual({
      outcome: 'rejected',
      code: 'report_mismatch',
      reason: 'the report claims 3 of 3 tests passed, but pytest itself printed "=== 1 failed, 2 passed in 0.05s ==="',
    });
    expect(grade(input({ runnerSummary: summary('=== 3 passed, 1 error in 0.05s ===', 3, 0, 1) })).code).toBe('report_mismatch');
    expect(grade(input({ runnerSummary: summary('=== 2 passed in 0.05s ===', 2) })).code).toBe('report_mismatch');
    // The parser may fold two same-named cases into one: fewer passes in the report are no forgery.
    expect(grade(input({ runnerSummary: summary('=== 4 passed in 0.05s ===', 4) })).outcome).toBe('executed');
  });

  it('quotes what a record of ours saw, naming the tests, when it says so itself', () => {
    const record: SummaryReading = {
      runner: 'pytest',
      summary: { line: 'pytest-outcomes.jsonl: 2 passed, 1 failed, 0 errors', passed: 2, failed: 1, errors: 0, said: "patchproof's pytest plugin saw tests/test_calc.py::test_add fail" },
    };
    expect(grade(input({ runnerSummary: record }))).toEqual({
      outcome: 'rejected',
      code: 'report_mismatch',
      reason: "the report claims 3 of 3 tests passed, but patchproof's pytest plugin saw tests/test_calc.py::test_add fail",
    });
  });

  it('rejects a passing report when a witness that should have spoken is missing, saying which', () => {
    expect(grade(input({ runnerSummary: { runner: 'pytest', summary: { missing: "patchproof's pytest plugin recorded no end of the run" } } }))).toEqual({
      outcome: 'rejected',
      code: 'report_mismatch',
      reason: "patchproof's pytest plugin recorded no end of the run, so the report claiming 3 passed tests is not believed",
    });
  });

  it('makes no cross-check for a toolchain whose console it cannot read, and lets failing reports speak for themselves', () => {
    expect(grade(input({ runnerSummary: null })).outcome).toBe('executed');
    const failing = report([testCase('a', 'failed'), testCase('b', 'passed')]);
    expect(grade(input({ test: run({ exitCode: 1 }), reports: reports(failing), runnerSummary: { runner: 'pytest', summary: null } })).code).toBe('tests_failed');
  });
});

describe('grade names failing tests', () => {
  it('qualifies a failing test by its suite only when another failing test has the same name', () => {
    const twin = (suite: string, name: string): TestCaseRecord => ({ suite, name, file: null, status: 'failed', durationMs: 1, message: 'boom' });
    const verdict = grade(input({ test: run({ exitCode: 1 }), reports: reports(report([twin('tests.test_a', 'test_x'), twin('tests.test_b', 'test_x'), twin('tests.test_b', 'test_y')])) }));
    expect(verdict.reason).toBe('3 of 3 tests failed: tests.test_a::test_x, tests.test_b::test_x, test_y');
  });
});
