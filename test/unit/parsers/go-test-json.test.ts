/**
 * `go test -json` streams written by Go 1.23.5 in the go image (test/fixtures/reports/go/README.md).
 * Each block pins gotestsum's closing line for the same stream, then checks the parsed records add
 * up to it: gotestsum counts every test and subtest, and a package that failed outside its tests
 * as one more failure, which here is a run-level error.
 */
import { describe, expect, it } from 'vitest';
import { parseGoTestJson } from '../../../parsers/go-test-json/parse-go-test-json.js';
import { reportTotals, tally, type TestReport } from '../../../parsers/report.js';
import { goFixture, goSummary } from '../../fixtures/reports/go/fixture-files.js';

function parse(scenario: string): TestReport {
  const result = parseGoTestJson(goFixture(`${scenario}/go-test.json`), 'go-test.json', goFixture(`${scenario}/go-test-stderr.txt`));
  if (!result.ok) throw result.error;
  return result.value;
}

/** "DONE 16 tests, 2 skipped, 4 failures" as { tests: 16, skipped: 2, failures: 4 }. */
function summaryCounts(scenario: string): Record<string, number> {
  const counts: Record<string, number> = { tests: 0, skipped: 0, failures: 0 };
  for (const [, n, word] of goSummary(scenario).matchAll(/(\d+) (\w+)/g)) counts[word === 'failure' ? 'failures' : (word ?? '')] = Number(n);
  return counts;
}

/** The parsed counts in gotestsum's terms: failures are failed tests plus failed packages. */
function asGotestsum(report: TestReport): Record<string, number> {
  const totals = tally(report.cases);
  return { tests: totals.total, skipped: totals.skipped, failures: totals.failed + totals.errors + report.runErrors.length };
}

const rows = (report: TestReport): string[] => report.cases.map((c) => `${c.suite.replace('example.com/kit/', '')}::${c.name}:${c.status}`);

describe('go test -json: all passing', () => {
  it('has one record per test and subtest, the package as suite', () => {
    expect(goSummary('pass')).toBe('DONE 6 tests');
    const report = parse('pass');
    expect(asGotestsum(report)).toEqual(summaryCounts('pass'));
    expect(report.format).toBe('go-test-json');
    // In the order tests started: a parent before its subtests; "by zero" as go names it.
    expect(rows(report)).toEqual([
      'calc::TestAdd:passed',
      'calc::TestDiv:passed',
      'calc::TestDiv/exact:passed',
      'calc::TestDiv/by_zero:passed',
      'strutil::TestReverse:passed',
      'strutil::TestCapitalize:passed',
    ]);
    expect(report.runErrors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.cases.every((c) => c.durationMs === 0 && c.message === null && c.file === null)).toBe(true);
  });
});

describe('go test -json: failures, subtests, skips and examples', () => {
  it('counts what gotestsum counts: 16 tests, 2 skipped, 4 failures', () => {
    expect(goSummary('mixed')).toBe('DONE 16 tests, 2 skipped, 4 failures');
    const report = parse('mixed');
    expect(asGotestsum(report)).toEqual(summaryCounts('mixed'));
    expect(tally(report.cases)).toEqual({ total: 16, passed: 10, failed: 4, errors: 0, skipped: 2 });
    expect(report.runErrors).toEqual([]);
  });

  it('keeps the t.Error text without frames, and names the failed subtest on its parent', () => {
    const cases = parse('mixed').cases;
    const byName = (name: string) => cases.find((c) => c.name === name);
    expect(byName('TestAdd')).toMatchObject({ status: 'failed', message: 'calc_test.go:10: Add(2, 2) = 4, want 5' });
    // A "/" inside a case name is indistinguishable from nesting: go names it as it is.
    expect(byName('TestAbs/wrong/want')).toMatchObject({ status: 'failed', message: 'calc_test.go:22: Abs(-2) = 2, want 3' });
    expect(byName('TestAbs/negative_one')?.status).toBe('passed');
    expect(byName('TestAbs')).toMatchObject({ status: 'failed', message: 'subtest failed: TestAbs/wrong/want' });
    expect(byName('ExampleAbs')).toMatchObject({ status: 'failed', message: 'got:\n4\nwant:\n5' });
    expect(byName('ExampleAdd')?.status).toBe('passed');
  });

  it('reads skips with their reason, and parallel subtests once each', () => {
    const cases = parse('mixed').cases;
    expect(cases.find((c) => c.name === 'TestSkipped')).toMatchObject({ status: 'skipped', message: 'calc_test.go:40: needs a network' });
    expect(cases.find((c) => c.name === 'TestDiv/later')).toMatchObject({ status: 'skipped', message: 'calc_test.go:35: rounding rules not settled' });
    expect(cases.filter((c) => c.name.startsWith('TestParallel/')).map((c) => `${c.name}:${c.status}`)).toEqual(['TestParallel/n=1:passed', 'TestParallel/n=2:passed']);
  });

  it('gives a package without test files no record and no error', () => {
    expect(parse('mixed').cases.some((c) => c.suite.endsWith('/notests'))).toBe(false);
  });
});

describe('go test -json: crashes are failures, never silence', () => {
  it('fails a panicking test with the panic, and counts no test that never ran', () => {
    expect(goSummary('panic')).toBe('DONE 4 tests, 1 failure');
    const report = parse('panic');
    expect(asGotestsum(report)).toEqual(summaryCounts('panic'));
    const panics = report.cases.find((c) => c.name === 'TestPanics');
    expect(panics).toMatchObject({ status: 'failed', message: 'panic: assignment to entry in nil map [recovered]\n\tpanic: assignment to entry in nil map' });
    expect(report.cases.some((c) => c.name === 'TestNeverRuns')).toBe(false);
  });

  it('fails a subtest that panicked and its parent, which carries the panic', () => {
    expect(goSummary('subtest-panic')).toBe('DONE 5 tests, 2 failures');
    const report = parse('subtest-panic');
    expect(asGotestsum(report)).toEqual(summaryCounts('subtest-panic'));
    expect(rows(report).slice(0, 3)).toEqual(['calc::TestDiv:failed', 'calc::TestDiv/ok:passed', 'calc::TestDiv/index:failed']);
    expect(report.cases.find((c) => c.name === 'TestDiv')?.message).toMatch(/^panic: runtime error: index out of range \[3\] with length 0/);
  });

  it('fails a test left without a terminal event when os.Exit ended the binary under it', () => {
    expect(goSummary('exit-in-test')).toBe('DONE 4 tests, 1 failure');
    const report = parse('exit-in-test');
    expect(asGotestsum(report)).toEqual(summaryCounts('exit-in-test'));
    expect(report.cases.find((c) => c.name === 'TestExits')).toMatchObject({
      status: 'failed',
      durationMs: null,
      message: 'did not finish: the test binary exited while it ran (os.Exit, a crash or a timeout)\ncalc_test.go:15: about to leave',
    });
    expect(report.runErrors).toEqual([]);
  });

  it('turns a package that failed with every test passed (TestMain exit code) into a run-level error', () => {
    expect(goSummary('testmain-exit')).toBe('DONE 6 tests, 1 failure');
    const report = parse('testmain-exit');
    expect(tally(report.cases).failed).toBe(0);
    expect(asGotestsum(report)).toEqual(summaryCounts('testmain-exit'));
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'example.com/kit/calc', message: 'the test binary failed outside any test (TestMain, init or os.Exit): teardown: could not remove the scratch database' },
    ]);
  });

  it('turns a panic in init, before any test, into a run-level error naming the panic', () => {
    expect(goSummary('init-panic')).toBe('DONE 4 tests, 1 failure');
    const report = parse('init-panic');
    expect(asGotestsum(report)).toEqual(summaryCounts('init-panic'));
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'example.com/kit/strutil', message: 'the test binary failed outside any test (TestMain, init or os.Exit): panic: fixture data missing' },
    ]);
  });
});

describe('go test -json: packages that did not build', () => {
  it('turns "[build failed]" into a build error with the compiler message from stderr', () => {
    expect(goSummary('build-failed')).toBe('DONE 2 tests, 1 failure');
    const report = parse('build-failed');
    expect(asGotestsum(report)).toEqual(summaryCounts('build-failed'));
    expect(report.runErrors).toEqual([
      { kind: 'build', where: 'example.com/kit/calc', message: 'calc/calc_test.go:9:19: cannot use "x" (untyped string constant) as int value in argument to Add' },
    ]);
  });

  it('catches "[setup failed]", a raw non-JSON line with no fail event, that gotestsum 1.8.2 misses', () => {
    expect(goSummary('setup-failed')).toBe('DONE 2 tests');
    expect(goFixture('setup-failed/go-test.json').split('\n')[0]).toBe('FAIL\texample.com/kit/calc [setup failed]');
    const report = parse('setup-failed');
    expect(tally(report.cases)).toEqual({ total: 2, passed: 2, failed: 0, errors: 0, skipped: 0 });
    expect(report.runErrors).toEqual([
      {
        kind: 'build',
        where: 'example.com/kit/calc',
        message: 'calc/calc_test.go:6:2: cannot find module providing package github.com/acme/missing: module lookup disabled by GOPROXY=off',
      },
    ]);
    expect(reportTotals(report).errors).toBe(1);
  });

  it('still reports the failed build without stderr, in go\'s words', () => {
    const result = parseGoTestJson(goFixture('setup-failed/go-test.json'), 'go-test.json');
    expect(result.ok && result.value.runErrors).toEqual([{ kind: 'build', where: 'example.com/kit/calc', message: 'setup failed' }]);
  });
});

describe('go test -json: no tests', () => {
  it('reads packages without test files as no records and no errors', () => {
    expect(goSummary('no-tests')).toBe('DONE 0 tests');
    const report = parse('no-tests');
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([]);
  });

  it('reads an empty stream as an empty report, and text that is no stream as an error', () => {
    expect(parseGoTestJson('', 'go-test.json')).toEqual({ ok: true, value: { format: 'go-test-json', cases: [], runErrors: [], warnings: [] } });
    const garbage = parseGoTestJson('<testsuites></testsuites>\n', 'go-test.json');
    expect(garbage.ok).toBe(false);
    expect(garbage.ok ? '' : garbage.error.message).toBe('go-test.json: not a `go test -json` event stream: no line is a test event');
  });
});

// Shapes this Go (1.23) does not write, taken from their sources, so newer and older streams work too.
describe('go test -json: streams of other Go versions', () => {
  it('reads Go >= 1.24 build-fail events and FailedBuild (golang/go test_json_build.txt)', () => {
    const stream = [
      '{"ImportPath":"m/builderror [m/builderror.test]","Action":"build-output","Output":"# m/builderror [m/builderror.test]\\n"}',
      '{"ImportPath":"m/builderror [m/builderror.test]","Action":"build-output","Output":"builderror/main_test.go:3:11: undefined: y\\n"}',
      '{"ImportPath":"m/builderror [m/builderror.test]","Action":"build-fail"}',
      '{"Action":"start","Package":"m/builderror"}',
      '{"Action":"output","Package":"m/builderror","Output":"FAIL\\tm/builderror [build failed]\\n"}',
      '{"Action":"fail","Package":"m/builderror","Elapsed":0,"FailedBuild":"m/builderror [m/builderror.test]"}',
      '{"ImportPath":"m/loaderror [m/loaderror.test]","Action":"build-fail"}',
    ].join('\n');
    const result = parseGoTestJson(stream, 'go-test.json');
    expect(result.ok && result.value.runErrors).toEqual([
      { kind: 'build', where: 'm/builderror', message: 'builderror/main_test.go:3:11: undefined: y' },
      { kind: 'build', where: 'm/loaderror', message: 'build failed' },
    ]);
  });

  it('reads the Go < 1.24 raw "[build failed]" line beside JSON events (go-junit-report 102-broken)', () => {
    const stream = ['FAIL\texample.com/probe/broken [build failed]', '{"Action":"run","Package":"example.com/probe/ok","Test":"TestOK"}', '{"Action":"pass","Package":"example.com/probe/ok","Test":"TestOK","Elapsed":0.01}', '{"Action":"pass","Package":"example.com/probe/ok","Elapsed":0.02}'].join('\n');
    const stderr = '# example.com/probe/broken [example.com/probe/broken.test]\nbroken/broken.go:3: undefined: y\n';
    const result = parseGoTestJson(stream, 'go-test.json', stderr);
    expect(result.ok && result.value.runErrors).toEqual([{ kind: 'build', where: 'example.com/probe/broken', message: 'broken/broken.go:3: undefined: y' }]);
    expect(result.ok && result.value.cases).toEqual([{ suite: 'example.com/probe/ok', name: 'TestOK', file: null, status: 'passed', durationMs: 10, message: null }]);
  });

  it('counts a test run twice (-count=2) twice, skips unknown actions, and notes stray lines', () => {
    const stream = [
      '{"Action":"run","Package":"p","Test":"TestA"}',
      '{"Action":"attr","Package":"p","Test":"TestA","Key":"k","Value":"v"}',
      '{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0}',
      'some stray line',
      '{"Action":"run","Package":"p","Test":"TestA"}',
      '{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:3: flaky\\n"}',
      '{"Action":"fail","Package":"p","Test":"TestA","Elapsed":0}',
      '{"Action":"fail","Package":"p","Elapsed":0}',
    ].join('\n');
    const result = parseGoTestJson(stream, 'go-test.json');
    expect(result.ok && result.value.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['TestA:passed', 'TestA:failed']);
    expect(result.ok && result.value.runErrors).toEqual([]);
    expect(result.ok && result.value.warnings).toEqual(['1 line(s) that are not test events were ignored']);
  });

  it('reports a package that started and never ended, and keeps a subtest left open under a passed root passing', () => {
    const stream = [
      '{"Action":"run","Package":"p","Test":"TestA"}',
      '{"Action":"run","Package":"p","Test":"TestA/sub"}',
      '{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0}',
      '{"Action":"pass","Package":"p","Elapsed":0}',
      '{"Action":"start","Package":"q"}',
      '{"Action":"run","Package":"q","Test":"TestB"}',
      '{"Action":"pass","Package":"q","Test":"TestB","Elapsed":0}',
    ].join('\n');
    const result = parseGoTestJson(stream, 'go-test.json');
    expect(result.ok && result.value.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['TestA:passed', 'TestA/sub:passed', 'TestB:passed']);
    expect(result.ok && result.value.warnings).toEqual(['p: TestA/sub has no result but its parent passed; counted as passed']);
    expect(result.ok && result.value.runErrors).toEqual([{ kind: 'internal', where: 'q', message: 'go test stopped before reporting this package' }]);
  });
});
