/**
 * parseSurefireReports against real Surefire 2.22.3 reports written in the maven image
 * (test/fixtures/reports/maven/README.md). Each block first pins the totals line Maven printed,
 * then checks the parsed records add up to it: Surefire counts a class that failed as a whole
 * as one error, which here is a run-level error (reportTotals adds those to errors).
 */
import { describe, expect, it } from 'vitest';
import { parseSurefireReports, type SurefireReportFile } from '../../../parsers/surefire/parse-surefire-reports.js';
import { reportTotals, tally, type TestReport } from '../../../parsers/report.js';
import { mavenFixture, mavenReportFiles, mavenSummary } from '../../fixtures/reports/maven/fixture-files.js';

const PREFIX = 'surefire/';

/** A scenario's copied reports, in the order its manifest lists them (as the collector does). */
function reportFiles(scenario: string): SurefireReportFile[] {
  const order = mavenFixture(`${scenario}/surefire-order.txt`).split('\n').filter((line) => line !== '');
  return order.map((path) => ({ path, text: mavenFixture(`${scenario}/${PREFIX}${path}`) }));
}

function testSources(scenario: string): Set<string> {
  return new Set(mavenFixture(`${scenario}/test-sources.txt`).split('\n').filter((line) => line !== ''));
}

async function parse(scenario: string, files = reportFiles(scenario)): Promise<TestReport> {
  const result = await parseSurefireReports({ files, testSources: testSources(scenario) });
  if (!result.ok) throw result.error;
  return result.value;
}

const rows = (report: TestReport): string[] => report.cases.map((c) => `${c.suite.replace('com.example.calc.', '')}::${c.name}:${c.status}`);

describe('surefire: all passing (JUnit 5)', () => {
  it('counts the 5 tests Maven ran, each with its source file', async () => {
    expect(mavenSummary('pass')).toBe('Tests run: 5, Failures: 0, Errors: 0, Skipped: 0');
    const report = await parse('pass');
    expect(report.format).toBe('surefire');
    expect(tally(report.cases)).toEqual({ total: 5, passed: 5, failed: 0, errors: 0, skipped: 0 });
    expect(rows(report)).toEqual([
      'WordsTest::capitalizes:passed',
      'WordsTest::leavesEmptyAlone:passed',
      'CalcTest::refusesDivisionByZero:passed',
      'CalcTest::adds:passed',
      'CalcTest::divides:passed',
    ]);
    expect(report.cases[0]?.file).toBe('src/test/java/com/example/calc/WordsTest.java');
    expect(report.cases[2]?.file).toBe('src/test/java/com/example/calc/CalcTest.java');
    expect(report.cases.every((c) => c.durationMs !== null && c.message === null)).toBe(true);
    expect(report.runErrors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});

describe('surefire: failure, error, skip and a class whose @BeforeAll throws (JUnit 5)', () => {
  it('matches what Maven printed, the broken class as a run-level error naming its file', async () => {
    expect(mavenSummary('mixed')).toBe('Tests run: 7, Failures: 1, Errors: 2, Skipped: 1');
    const report = await parse('mixed');
    expect(report.cases.length + report.runErrors.length).toBe(7);
    expect(reportTotals(report)).toEqual({ total: 6, passed: 3, failed: 1, errors: 2, skipped: 1 });
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'src/test/java/com/example/calc/BrokenSetupTest.java', message: 'no database in the sandbox' },
    ]);
    expect(rows(report)).toEqual([
      'WordsTest::capitalizes:passed',
      'WordsTest::leavesEmptyAlone:passed',
      'CalcTest::adds:passed',
      'CalcTest::later:skipped',
      'CalcTest::addsWrong:failed',
      'CalcTest::dividesByZero:error',
    ]);
    const message = (name: string) => report.cases.find((c) => c.name === name)?.message;
    expect(message('addsWrong')).toBe('expected: <6> but was: <5>');
    expect(message('dividesByZero')).toBe('b must not be zero');
    expect(message('later')).toBe('not ready');
  });
});

describe('surefire: JUnit 4 with -Dsurefire.rerunFailingTestsCount=1', () => {
  it('counts a flaky test (flakyFailure, then a pass) as passed and a test failing every run once', async () => {
    expect(mavenSummary('junit4-rerun')).toBe('Tests run: 5, Failures: 1, Errors: 1, Skipped: 1, Flakes: 1');
    const report = await parse('junit4-rerun');
    expect(report.cases.length + report.runErrors.length).toBe(5);
    expect(reportTotals(report)).toEqual({ total: 4, passed: 2, failed: 1, errors: 1, skipped: 1 });
    expect(rows(report)).toEqual([
      'FlakyTest::alwaysFails:failed',
      'FlakyTest::adds:passed',
      'FlakyTest::later:skipped',
      'FlakyTest::passesOnSecondAttempt:passed',
    ]);
    // JUnit 4's @BeforeClass failure has the same shape as JUnit 5's @BeforeAll one.
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'src/test/java/com/example/calc/BrokenSetupTest.java', message: 'no database in the sandbox' },
    ]);
  });

  it('records that the suite attributes count every attempt while the test cases do not', async () => {
    const report = await parse('junit4-rerun');
    expect(report.warnings).toEqual([
      'target/surefire-reports/TEST-com.example.calc.FlakyTest.xml: <testsuite name="com.example.calc.FlakyTest"> says tests="6" but its <testcase> elements give 4',
      'target/surefire-reports/TEST-com.example.calc.FlakyTest.xml: <testsuite name="com.example.calc.FlakyTest"> says failures="3" but its <testcase> elements give 1',
    ]);
  });
});

describe('surefire: the same tests reported by two executions (two files per class)', () => {
  it('takes the last attempt: the test that failed first and passed on the second run is passed', async () => {
    expect(mavenSummary('two-executions')).toBe('Tests run: 5, Failures: 0, Errors: 0, Skipped: 0');
    expect(mavenFixture('two-executions/console.txt')).toContain('[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0');
    const report = await parse('two-executions');
    expect(reportFiles('two-executions').map((f) => f.path)).toEqual([
      'target/surefire-reports/TEST-com.example.calc.WordsTest.xml',
      'target/surefire-reports/TEST-com.example.calc.CalcTest.xml',
      'target/surefire-reports/again/TEST-com.example.calc.WordsTest.xml',
      'target/surefire-reports/again/TEST-com.example.calc.CalcTest.xml',
    ]);
    expect(tally(report.cases)).toEqual({ total: 5, passed: 5, failed: 0, errors: 0, skipped: 0 });
    expect(report.cases.find((c) => c.name === 'failsOnlyTheFirstTime')?.file).toBe('src/test/java/com/example/calc/WordsTest.java');
    expect(report.warnings).toContain('com.example.calc.WordsTest::failsOnlyTheFirstTime was reported by 2 files (failed → passed); the last attempt counts');
  });

  it('is the order of the files that decides, not their names', async () => {
    const report = await parse('two-executions', reportFiles('two-executions').reverse());
    expect(report.cases.find((c) => c.name === 'failsOnlyTheFirstTime')?.status).toBe('failed');
  });
});

describe('surefire: a report cut short (the JVM died while writing it)', () => {
  it('becomes a run-level error, and the other files still count', async () => {
    const files = reportFiles('mixed').map((f) => (f.path.endsWith('CalcTest.xml') ? { ...f, text: f.text.slice(0, f.text.indexOf('<testcase name="addsWrong"')) } : f));
    const report = await parse('mixed', files);
    expect(report.runErrors.map((e) => e.kind)).toEqual(['suite-load', 'internal']);
    expect(report.runErrors[1]?.where).toBe('target/surefire-reports/TEST-com.example.calc.CalcTest.xml');
    expect(report.runErrors[1]?.message).toMatch(/^unreadable Surefire report: truncated XML/);
    expect(rows(report)).toEqual(['WordsTest::capitalizes:passed', 'WordsTest::leavesEmptyAlone:passed']);
  });
});

describe('surefire: test source files', () => {
  it('names no file when the class is not where Maven puts test sources', async () => {
    const result = await parseSurefireReports({ files: reportFiles('pass'), testSources: new Set() });
    expect(result.ok && result.value.cases.every((c) => c.file === null)).toBe(true);
  });

  it('resolves a module report to the module folder', async () => {
    const [first] = reportFiles('pass');
    if (first === undefined) throw new Error('fixture missing');
    const inModule = { path: `core/${first.path}`, text: first.text };
    const result = await parseSurefireReports({ files: [inModule], testSources: new Set(['core/src/test/java/com/example/calc/WordsTest.java']) });
    expect(result.ok && result.value.cases[0]?.file).toBe('core/src/test/java/com/example/calc/WordsTest.java');
  });

  it('ignores the report folder contents it is not given (console.txt is no report)', () => {
    expect([...mavenReportFiles('pass').keys()].sort()).toEqual([
      'jacoco.xml',
      'maven-exit-code',
      'surefire-order.txt',
      'surefire/target/surefire-reports/TEST-com.example.calc.CalcTest.xml',
      'surefire/target/surefire-reports/TEST-com.example.calc.WordsTest.xml',
      'test-sources.txt',
    ]);
  });
});
