/**
 * Files in the project that stand in for the runner. Under `python -m pytest` the working
 * directory comes first on sys.path, so a top-level pytest.py runs instead of pytest, and a
 * _pytest/ or coverage/ package is imported by the real pytest in place of its own: each can write
 * a passing JUnit report, print a passing closing line and exit 0. pytest now runs through a
 * launcher in the image, in isolated mode, that loads the runner before the project folder is on
 * sys.path; the real pytest runs the tests and the broken `add` fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { pytestToolchain } from '../../src/toolchains/python/pytest-toolchain.js';
import { readPytestSummary } from '../../src/toolchains/python/pytest-summary.js';
import type { Toolchain } from '../../src/toolchains/toolchain.js';
import { exampleFile } from '../support/scratch-project.js';
import { validateAsking, write } from '../support/run-validation.js';
import { Attack, SMALL_LIMITS } from './attack-harness.js';

const PASSING_JUNIT =
  '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3">' +
  '<testcase classname="tests.test_calc" name="test_add" time="0.001"/><testcase classname="tests.test_calc" name="test_div" time="0.001"/>' +
  '<testcase classname="tests.test_calc" name="test_div_by_zero" time="0.001"/></testsuite></testsuites>';

/** What every stand-in does once imported: a passing report, a passing closing line, exit 0. */
function standIn(name: string): string {
  return `import os, sys
os.makedirs(".patchproof/reports", exist_ok=True)
with open(".patchproof/reports/junit.xml", "w") as f:
    f.write('${PASSING_JUNIT}')
print("SHADOW ${name} ran")
print("============================== 3 passed in 0.01s ===============================")
sys.stdout.flush()
os._exit(0)
`;
}

const SHADOWS = ['_pytest/__init__.py', 'coverage/__init__.py', 'sitecustomize.py', 'pluggy.py', 'pytest_cov.py'];

/** pytest as it was run before: `python3 -m pytest` in the workspace, checked against its closing line only. */
const runAsBefore: Toolchain = {
  ...pytestToolchain,
  testCommand: (context) => pytestToolchain.testCommand(context).map((part) => part.replace(/python3 -I -B -u \S+ \S+/, 'python3 -m pytest')),
  witness: (run) => readPytestSummary(run.stdout),
};

/** An honest project's top-level module and plugin, found only through the working directory on sys.path. */
const OWN_PLUGIN = 'def pytest_report_header(config):\n    return "own plugin loaded"\n';
const USES_TOP_LEVEL = `import os, sys

import helpers


def test_top_level_module():
    assert helpers.answer() == 42
    # Before the standard library, as python -m pytest puts it (pytest adds tests/ and src/ before it).
    assert sys.path.index(os.getcwd()) < sys.path.index(os.path.dirname(os.__file__))
`;

describe('project files that shadow the runner', () => {
  let attack: Attack;
  let broken: Change;
  beforeAll(async () => {
    attack = await Attack.prepare();
    broken = write('src/calc/__init__.py', (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b'));
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it.each([
    ['a top-level pytest.py', ['pytest.py']],
    [`${SHADOWS.join(', ')}`, SHADOWS],
  ])('are never imported: %s', async (_what, paths) => {
    const changes = [broken, ...paths.map((path) => write(path, standIn(path)))];
    // The attack is real: run the way pytest used to be run, the stand-in is believed.
    const before = await validateAsking(attack.project, changes, SMALL_LIMITS, { toolchains: [runAsBefore] });
    expect(before.outcome, before.reason).toBe('executed');
    expect(before.test?.stdout).toContain('SHADOW');

    const result = await attack.run(changes);
    expect(result.test?.stdout).not.toContain('SHADOW');
    expect(result.test?.stdout).toMatch(/=+ 1 failed, 2 passed in [\d.]+s =+/);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: test_add');
    expect(result.test?.timedOut).toBe(false);
    expect(result.test?.durationMs).toBeLessThan((SMALL_LIMITS.timeoutS ?? 30) * 1000);
    expect(JSON.stringify([before, result])).not.toContain(attack.marker.content);
  });

  it('leave an honest project importing its own top-level modules and plugins as under python -m pytest', async () => {
    const pyproject = (await exampleFile('pyproject.toml')).replace('testpaths = ["tests"]', 'testpaths = ["tests"]\naddopts = "-p own_plugin"');
    const result = await attack.run([
      write('pyproject.toml', pyproject),
      write('own_plugin.py', OWN_PLUGIN),
      write('helpers.py', 'def answer():\n    return 42\n'),
      write('tests/test_top_level.py', USES_TOP_LEVEL),
    ]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.test?.stdout).toContain('own plugin loaded');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_top_level_module:passed');
  });
});
