/** pytest: a test that fails once then passes in the same sandbox is flaky; one that always fails stays failed; node ids are stable. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pytestToolchain } from '../../src/toolchains/python/pytest-toolchain.js';
import { expectFailingStaysFailed, expectFlakyExecuted, identities, MARKER, runner } from '../support/flaky-scenario.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, write } from '../support/run-validation.js';
import { scratchProject } from '../support/scratch-project.js';

const FLAKY = write(
  'tests/test_flaky.py',
  ['import os', '', '', 'def test_once():', `    if not os.path.exists(${JSON.stringify(MARKER)}):`, `        open(${JSON.stringify(MARKER)}, "w").close()`, '        assert False, "fails on its first run"', ''].join('\n'),
);
const FAILING = write('tests/test_always.py', ['def test_always():', '    assert False, "fails every time"', ''].join('\n'));

describe('flaky pytest tests', () => {
  let run: ReturnType<typeof runner>;

  beforeAll(async () => {
    run = runner(await scratchProject(), pytestToolchain);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts a test that fails once then passes as flaky, executed and named, with stable node ids', async () => {
    const first = await run([FLAKY]);
    expectFlakyExecuted(first, 'tests/test_flaky.py::test_once', 4);
    const second = await run([FLAKY]);
    expect(identities(second)).toEqual(identities(first));
    expect(identities(first)).toEqual(['tests/test_calc.py::test_add', 'tests/test_calc.py::test_div', 'tests/test_calc.py::test_div_by_zero', 'tests/test_flaky.py::test_once']);
  });

  it('keeps a test that always fails failed after the reruns', async () => {
    const result = await run([FLAKY, FAILING]);
    expectFailingStaysFailed(result, 'tests/test_flaky.py::test_once', 'tests/test_always.py::test_always', 5);
  });
});
