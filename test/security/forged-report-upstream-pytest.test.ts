/**
 * The forged-report checks on a real Python project (issue 18, item 6, pytest): ntplib 0.3.3 as
 * Debian's source package ships it (test/fixtures/projects/ntplib), whose suite is red in the
 * network-less sandbox before any change (two of its three tests ask pool.ntp.org). A change that
 * also breaks the third adds a conftest.py that forces pytest's exit status to 0 and, at exit,
 * writes a JUnit report where all three passed. patchproof's pytest plugin saw the failures
 * first: `report_mismatch`, naming the test. The unchanged project stays counted as pytest counts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTotals } from '../../parsers/report.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { readPytestSummary } from '../../src/toolchains/python/pytest-summary.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const NTPLIB = fileURLToPath(new URL('../fixtures/projects/ntplib/', import.meta.url));

const PASSING_JUNIT =
  '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3">' +
  '<testcase classname="test_ntplib.TestNTPLib" name="test_basic" time="0.001"/><testcase classname="test_ntplib.TestNTPLib" name="test_helpers" time="0.001"/>' +
  '<testcase classname="test_ntplib.TestNTPLib" name="test_request" time="0.001"/></testsuite></testsuites>';

const REWRITE_AT_EXIT = `import atexit


def forge():
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('${PASSING_JUNIT}')


def pytest_sessionfinish(session, exitstatus):
    session.exitstatus = 0
    atexit.register(forge)
`;

/** The unchanged project: red, and counted as pytest's own closing line counts it (1 passed, 2 failed). */
function countedAsPytest(result: ValidationResult): void {
  expect({ outcome: result.outcome, code: result.code }).toEqual({ outcome: 'rejected', code: 'tests_failed' });
  const pytest = readPytestSummary(result.test?.stdout ?? '');
  expect(pytest).toMatchObject({ passed: 1, failed: 2, errors: 0 });
  const ours = reportTotals(result.report);
  expect({ passed: ours.passed, failed: ours.failed + ours.errors }).toEqual({ passed: pytest?.passed, failed: (pytest?.failed ?? 0) + (pytest?.errors ?? 0) });
}

describe('a forged pytest report on a real project (ntplib)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'ntplib', dir: NTPLIB, passing: '', unchanged: countedAsPytest });
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('rewritten at exit by a conftest.py, with the exit status forced to 0, is not believed', async () => {
    const source = await readFile(join(attack.project, 'ntplib.py'), 'utf8');
    const broken = write('ntplib.py', source.replace('class NTPException(Exception):', 'class NTPException(object):'));
    const result = await attack.run([broken, write('conftest.py', REWRITE_AT_EXIT)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe(
      "the report claims 3 of 3 tests passed, but patchproof's pytest plugin saw test_ntplib.py::TestNTPLib::test_basic, test_ntplib.py::TestNTPLib::test_helpers, test_ntplib.py::TestNTPLib::test_request fail",
    );
  });
});
