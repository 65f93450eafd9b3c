/**
 * Tests that forge a passing report for a failing run. The reporter runs in the same process as
 * the tests, so a test can write the report itself and end the run with exit code 0, or rewrite it
 * as the run ends and force the exit code. Both used to pass; the runner's own closing summary and
 * the outcome record of patchproof's plugin are now witnesses, and a report they do not back is
 * rejected as `report_mismatch` (the record names the test it saw fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFile } from '../support/scratch-project.js';
import { write } from '../support/run-validation.js';
import { Attack, testFile } from './attack-harness.js';

const PASSING_JUNIT =
  '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3">' +
  '<testcase classname="tests.test_calc" name="test_add" time="0.001"/><testcase classname="tests.test_calc" name="test_div" time="0.001"/>' +
  '<testcase classname="tests.test_calc" name="test_div_by_zero" time="0.001"/></testsuite></testsuites>';

const FORGE_AND_EXIT = `import os


def test_zz_forge():
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('${PASSING_JUNIT}')
    os._exit(0)
`;

const REWRITE_AT_EXIT = `import atexit


def forge():
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('${PASSING_JUNIT}')


def pytest_sessionfinish(session, exitstatus):
    session.exitstatus = 0
    atexit.register(forge)
`;

describe('a forged test report', () => {
  let attack: Attack;
  let broken: string;
  beforeAll(async () => {
    attack = await Attack.prepare();
    broken = (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b');
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('written by a test that then ends the run with exit code 0 is not believed', async () => {
    const result = await attack.run([write('src/calc/__init__.py', broken), testFile('test_zz_forge.py', FORGE_AND_EXIT)]);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.every((c) => c.status === 'passed')).toBe(true);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe('pytest printed no closing summary, so the report claiming 3 passed tests is not believed (did a test end the run early?)');
  });

  it('is not suspected in an honest run whose project asks pytest to be quiet', async () => {
    const quiet = (await exampleFile('pyproject.toml')).replace('testpaths = ["tests"]', 'testpaths = ["tests"]\naddopts = "-qq"');
    const result = await attack.run([write('pyproject.toml', quiet)]);
    expect(result.outcome, result.reason).toBe('executed');
  });

  it('rewritten after pytest wrote it, with the exit code forced to 0, is not believed', async () => {
    const result = await attack.run([write('src/calc/__init__.py', broken), testFile('conftest.py', REWRITE_AT_EXIT)]);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.every((c) => c.status === 'passed')).toBe(true);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe("the report claims 3 of 3 tests passed, but patchproof's pytest plugin saw tests/test_calc.py::test_add fail");
  });
});
