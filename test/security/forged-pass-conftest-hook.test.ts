/**
 * A conftest.py hook that turns failures into passes. The tests run in the process that makes the
 * reports, so a hook can rewrite a failed report before the JUnit writer and the terminal see it:
 * the JUnit report and pytest's closing line then both say "3 passed" for a change that breaks
 * `add`, with exit code 0. Both used to be believed. patchproof's own plugin, registered before any
 * conftest as the innermost wrapper, records what the runner saw first, and names the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFile } from '../support/scratch-project.js';
import { write } from '../support/run-validation.js';
import { Attack, SMALL_LIMITS } from './attack-harness.js';

/** The hook of the issue: a wrapper that rewrites the report after it was made. */
const REWRITE_REPORT = `import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        report.outcome = "passed"
        report.longrepr = None
`;

/** Earlier still: the exception is taken away before any report is made from it. */
const CLEAR_EXCEPTION = `import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    call.excinfo = None
    yield
`;

/** Not a wrapper at all: a first answer to the firstresult hook, so pytest's own report is never made. */
const OWN_REPORT = `import pytest
from _pytest.reports import TestReport


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = TestReport.from_item_and_call(item, call)
    report.outcome = "passed"
    report.longrepr = None
    return report
`;

/**
 * From the inside: trylast wrappers, registered after ours, that pluggy would put innermost. The
 * plugin registers itself again once every conftest is loaded, so it is innermost again.
 */
const INNERMOST = `import pytest


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item):
    outcome = yield
    outcome.force_result(None)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_makereport(item, call):
    call.excinfo = None
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.longrepr = None
`;

describe('a conftest hook that turns failed tests into passed ones', () => {
  let attack: Attack;
  let broken: string;
  beforeAll(async () => {
    attack = await Attack.prepare();
    broken = (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b');
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it.each([
    ['rewriting the report in a wrapper', REWRITE_REPORT],
    ['clearing the exception before the report is made', CLEAR_EXCEPTION],
    ['answering the report hook first with a report of its own', OWN_REPORT],
    ['swallowing the exception in trylast wrappers of its own', INNERMOST],
  ])('is rejected as report_mismatch naming the test, %s', async (_how, conftest) => {
    const result = await attack.run([write('src/calc/__init__.py', broken), write('conftest.py', conftest)]);
    // The forgery worked on both of pytest's own accounts: the report and the closing line.
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['test_add:passed', 'test_div:passed', 'test_div_by_zero:passed']);
    expect(result.test?.stdout).toMatch(/=+ 3 passed in [\d.]+s =+/);
    expect(result.test?.exitCode).toBe(0);

    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe("the report claims 3 of 3 tests passed, but patchproof's pytest plugin saw tests/test_calc.py::test_add fail");
    // Within its limits, and nothing of the host in what was recorded.
    expect(result.test?.timedOut).toBe(false);
    expect(result.test?.durationMs).toBeLessThan((SMALL_LIMITS.timeoutS ?? 30) * 1000);
    expect(JSON.stringify(result)).not.toContain(attack.marker.content);
  });
});
