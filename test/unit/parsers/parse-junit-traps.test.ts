/**
 * parseJUnit on the traps other tools fall into. Files under junit/ are synthetic (see the
 * fixtures README); small structural cases are inline.
 */
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { ReportParseError, tally, type TestReport } from '../../../parsers/report.js';
import { readFixture } from './fixture.js';

async function parseOk(text: string): Promise<TestReport> {
  const result = await parseJUnit(text, 'report.xml');
  if (!result.ok) throw result.error;
  return result.value;
}

async function parseError(text: string, file = 'report.xml'): Promise<ReportParseError> {
  const result = await parseJUnit(text, file);
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('broken input gives a ReportParseError naming the file, never a throw', () => {
  it.each([
    ['junit/empty.xml', /^empty report$/],
    ['junit/truncated.xml', /^truncated XML \(Unclosed root tag/],
    ['junit/concatenated.xml', /^concatenated XML: 2 root elements/],
    ['pytest/all-pass/coverage.xml', /^not a JUnit report: root element is <coverage>, expected <testsuites> or <testsuite>$/],
  ])('%s', async (path, reason) => {
    const error = await parseError(readFixture(path), path);
    expect(error).toBeInstanceOf(ReportParseError);
    expect(error.file).toBe(path);
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`${path}: ${error.reason}`);
  });

  it('an element xml2js itself trips over (<_>, its text key) comes back as an error, not a throw', async () => {
    const error = await parseError('<testsuites><testsuite><testcase><failure><_>x</_></failure></testcase></testsuite></testsuites>');
    expect(error.reason).toBe('malformed XML (obj[charkey].match is not a function)');
  });
});

describe('character references that sax rejects', () => {
  it('parses the report and shows escape codes as #x1B', async () => {
    const report = await parseOk(readFixture('junit/char-refs.xml'));
    expect(tally(report.cases)).toEqual({ total: 3, passed: 1, failed: 2, errors: 0, skipped: 0 });
    expect(report.cases[0]?.message).toBe('expected #x1B[31mred#x1B[0m to equal green');
    // Raw ESC bytes are legal for sax but not XML 1.0; they are dropped.
    expect(report.cases[1]?.message).toBe('raw [1mbold[0m text');
    expect(report.warnings).toEqual([]);
  });
});

describe('surefire-style report', () => {
  it('reads a <testsuite> root, comma-grouped times, CDATA bodies and ignores flakyFailure', async () => {
    const report = await parseOk(readFixture('junit/surefire-comma-time.xml'));
    expect(report.cases).toEqual([
      { suite: 'demo.CalcTest', name: 'slowImport', file: null, status: 'passed', durationMs: 2_118_004, message: null },
      {
        suite: 'demo.CalcTest',
        name: 'divides',
        file: null,
        status: 'failed',
        durationMs: 11,
        message: 'expected: <3> but was: <2>',
      },
      {
        suite: 'demo.CalcTest',
        name: 'readsConfig',
        file: null,
        status: 'error',
        durationMs: 2,
        message: '/workspace/missing.properties (No such file or directory)',
      },
      { suite: 'demo.CalcTest', name: 'notYet', file: null, status: 'skipped', durationMs: 0, message: 'not implemented' },
      // Passed on rerun: surefire keeps the first attempt as <flakyFailure>, which is not a failure.
      { suite: 'demo.CalcTest', name: 'flaky', file: null, status: 'passed', durationMs: 1_001_500, message: null },
    ]);
    expect(report.warnings).toEqual([]);
  });
});

describe('jest-junit todo test', () => {
  it('is indistinguishable from a pass; the suite count that leaves it out is reported', async () => {
    const report = await parseOk(readFixture('junit/jest-junit-todo.xml'));
    expect(tally(report.cases)).toEqual({ total: 4, passed: 2, failed: 1, errors: 0, skipped: 1 });
    expect(report.cases.find((c) => c.name === 'Math divides')?.message).toBe(
      'Error: expect(received).toBe(expected) // Object.is equality',
    );
    expect(report.cases.find((c) => c.name === 'Math rounds')?.message).toBeNull();
    expect(report.warnings).toEqual([
      '<testsuite name="Math"> says tests="3" but its <testcase> elements give 4',
      '<testsuites name="jest tests"> says tests="3" but its <testcase> elements give 4',
    ]);
  });
});

describe('status precedence and presence', () => {
  it('error > failure > skipped > passed, and an empty <failure/> still fails', async () => {
    const report = await parseOk(`<testsuite name="s">
      <testcase classname="c" name="failed and skipped"><skipped/><failure message="boom"/></testcase>
      <testcase classname="c" name="error and failure"><failure message="f"/><error message="e"/></testcase>
      <testcase classname="c" name="bare failure"><failure/></testcase>
      <testcase classname="c" name="bare error"><error></error></testcase>
      <testcase classname="c" name="body only"><failure>
        first line
        second line</failure></testcase>
      <testcase classname="c" name="type only"><skipped type="pytest.xfail" message=""/></testcase>
    </testsuite>`);
    expect(report.cases.map((c) => [c.name, c.status, c.message])).toEqual([
      ['failed and skipped', 'failed', 'boom'],
      ['error and failure', 'error', 'e'],
      ['bare failure', 'failed', null],
      ['bare error', 'error', null],
      ['body only', 'failed', 'first line'],
      ['type only', 'skipped', 'pytest.xfail'],
    ]);
  });

  it('cuts long messages to 500 characters', async () => {
    const report = await parseOk(`<testsuite><testcase name="t"><failure message="${'x'.repeat(2000)}"/></testcase></testsuite>`);
    const message = report.cases[0]?.message ?? '';
    expect(message).toHaveLength(500);
    expect(message.endsWith('…')).toBe(true);
  });
});

describe('structure', () => {
  it('walks nested suites, uses the enclosing suite when classname is missing, and reconciles each level', async () => {
    const report = await parseOk(`<testsuites tests="4">
      <testsuite name="outer" tests="3" failures="1">
        <testcase classname="a" name="one" time="0.5"/>
        <testsuite name="inner" tests="2">
          <testcase name="two"><failure/></testcase>
          <testcase name="three"/>
        </testsuite>
      </testsuite>
      <testsuite><testcase/></testsuite>
    </testsuites>`);
    expect(report.cases.map((c) => [c.suite, c.name, c.status, c.durationMs])).toEqual([
      ['a', 'one', 'passed', 500],
      ['inner', 'two', 'failed', null],
      ['inner', 'three', 'passed', null],
      ['', '', 'passed', null],
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('treats a pytest-shaped collection error by shape, whatever suite it sits in', async () => {
    const report = await parseOk(`<testsuites><testsuite name="pytest" tests="1" errors="1">
      <testcase classname="tests.test_things" name="TestBroken"><error message="collection failure">E   TypeError: bad base</error></testcase>
    </testsuite></testsuites>`);
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([
      { kind: 'collection', where: 'tests/test_things.py::TestBroken', message: 'TypeError: bad base' },
    ]);
  });

  it('an ordinary error whose message is not pytest\'s marker stays a test case', async () => {
    const report = await parseOk('<testsuite><testcase classname="" name="x"><error message="collection failed"/></testcase></testsuite>');
    expect(report.runErrors).toEqual([]);
    expect(report.cases[0]?.status).toBe('error');
  });
});
