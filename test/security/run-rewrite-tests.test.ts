/**
 * A learner's code that attacks the step's tests: it tries to rewrite and delete the test file
 * (root-owned, read-only, in a folder it cannot write) and to move the folder away (the
 * workspace is root's and sticky), then forges a passing JUnit report and
 * ends the run early with exit 0. The tests are unchanged and the forged report is not believed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run, warmUp } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'python:1' });
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

const TESTS = { framework: 'pytest', files: [{ filepath: 'test_main.py', content: 'from main import add\n\ndef test_add():\n    assert add(2, 2) == 4\n' }] };

const TAMPER = [
  'import os',
  'outcomes = []',
  'for act in (lambda: open("test_main.py", "w").write("def test_add(): pass\\n"), lambda: os.remove("test_main.py"), lambda: os.rename("test_main.py", "x.py"), lambda: os.chmod("test_main.py", 0o666), lambda: os.rename("/workspace/code", "/workspace/elsewhere")):',
  '    try:',
  '        act()',
  '        outcomes.append("TAMPERED")',
  '    except OSError as e:',
  '        outcomes.append("denied-" + type(e).__name__)',
].join('\n');

it('cannot rewrite, delete, rename or move the step tests', async () => {
  // pytest captures what is printed while it imports; an error raised there is shown with its message.
  const view = await run(ctx, { language: 'python', code: `${TAMPER}\nraise RuntimeError("outcomes: " + " ".join(outcomes))\n`, tests: TESTS });
  expect(view.stdout).toMatch(/outcomes: denied-PermissionError denied-PermissionError denied-PermissionError denied-PermissionError denied-PermissionError/);
  expect(view.stdout).not.toContain('TAMPERED');
  expect(view.tests?.passedAll).toBe(false);
});

it('a forged passing report, the run ended early with exit 0, is not believed', async () => {
  const forge = [
    'import os',
    'reports = "/workspace/.patchproof/reports"',
    'os.makedirs(reports, exist_ok=True)',
    'open(os.path.join(reports, "junit.xml"), "w").write(\'<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="1" failures="0" errors="0"><testcase classname="test_main" name="test_add" time="0.1"/></testsuite></testsuites>\')',
    'os._exit(0)',
  ].join('\n');
  const view = await run(ctx, { language: 'python', code: forge, tests: TESTS });
  expect(view.exitCode).toBe(0);
  expect(view.tests?.passedAll).toBe(false);
  expect(view.tests?.problem).toMatch(/not believed/);

  // The same suite still judges honest code as it should.
  const honest = await run(ctx, { language: 'python', code: 'def add(a, b):\n    return a + b\n', tests: TESTS });
  expect(honest.tests).toMatchObject({ passedAll: true, passed: 1 });
});

it('cannot tamper with them through a warm sandbox either (its files put in by the prepared receiver)', async () => {
  await warmUp(ctx, 'python');
  const view = await run(ctx, { language: 'python', code: `${TAMPER}\nraise RuntimeError("outcomes: " + " ".join(outcomes))\n`, tests: TESTS });
  expect(view.warm).toBe(true);
  expect(view.stdout).toMatch(/outcomes: denied-PermissionError denied-PermissionError denied-PermissionError denied-PermissionError denied-PermissionError/);
  expect(view.tests?.passedAll).toBe(false);
});
