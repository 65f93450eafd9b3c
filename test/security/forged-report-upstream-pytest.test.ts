/**
 * The forged-report checks on a real Python project (issue 18, item 6, pytest): ntplib 0.3.3 as
 * Debian's source package ships it (test/support/ntplib-upstream.ts), red in the sandbox before
 * any change. A change that also breaks its third test adds a conftest.py that forces pytest's exit
 * status to 0 and, at exit, writes a JUnit report where all three passed. patchproof's pytest
 * plugin saw the failures first: `report_mismatch`, naming the tests. The unchanged project stays
 * counted as pytest counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NTPLIB_PASSING_JUNIT, NTPLIB_TARGET, breakNtpException } from '../support/ntplib-upstream.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const REWRITE_AT_EXIT = `import atexit


def forge():
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('${NTPLIB_PASSING_JUNIT}')


def pytest_sessionfinish(session, exitstatus):
    session.exitstatus = 0
    atexit.register(forge)
`;

describe('a forged pytest report on a real project (ntplib)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare(NTPLIB_TARGET);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('rewritten at exit by a conftest.py, with the exit status forced to 0, is not believed', async () => {
    const result = await attack.run([await breakNtpException(attack.project), write('conftest.py', REWRITE_AT_EXIT)]);
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
