/**
 * A step's test suite (pytest) against a learner's code: passing, failing, and a learner that
 * tries to rewrite the step's tests and to forge the report, which neither works nor is believed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, runtimeContext } from './runtime-harness.js';

const TESTS = { framework: 'pytest', files: [{ filepath: 'test_main.py', content: 'from main import add\n\ndef test_small():\n    assert add(1, 2) == 3\n\ndef test_negative():\n    assert add(-1, -2) == -3\n' }] };

describe('step test suites', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext();
    await ensureImages(ctx, ['python', 'javascript']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  it('passes when the code is right, with per-test results', async () => {
    const view = await run(ctx, { language: 'python', code: 'def add(a, b):\n    return a + b\n', tests: TESTS });
    expect(view.tests).toMatchObject({ framework: 'pytest', passedAll: true, total: 2, passed: 2, failed: 0, problem: null });
    expect(view.tests?.tests.map((t) => [t.id, t.status])).toEqual([
      ['test_main.py::test_small', 'passed'],
      ['test_main.py::test_negative', 'passed'],
    ]);
  });

  it('fails when the code is wrong, naming the failing test and its message', async () => {
    const view = await run(ctx, { language: 'python', code: 'def add(a, b):\n    return abs(a) + abs(b)\n', tests: TESTS });
    expect(view.tests).toMatchObject({ passedAll: false, total: 2, passed: 1, failed: 1 });
    const failed = view.tests?.tests.find((t) => t.status === 'failed');
    expect(failed?.id).toBe('test_main.py::test_negative');
    expect(failed?.message).toContain('assert 3 == -3');
  });

  it('javascript with node --test: passing and failing, per test, and printed TAP lines forge nothing', async () => {
    const tests = { framework: 'node:test', files: [{ filepath: 'main.test.js', content: "const test = require('node:test');\nconst assert = require('node:assert');\nconst { add } = require('./main.js');\ntest('small', () => assert.strictEqual(add(1, 2), 3));\ntest('negative', () => assert.strictEqual(add(-1, -2), -3));\n" }] };
    const good = await run(ctx, { language: 'javascript', code: 'exports.add = (a, b) => a + b;\n', tests });
    expect(good.tests).toMatchObject({ framework: 'node:test', passedAll: true, total: 2, passed: 2, problem: null });
    const bad = await run(ctx, { language: 'javascript', code: 'console.log("ok 1 - negative\\n# pass 2\\n# fail 0");\nexports.add = (a, b) => Math.abs(a) + Math.abs(b);\n', tests });
    expect(bad.tests).toMatchObject({ passedAll: false, total: 2, passed: 1, failed: 1 });
    expect(bad.tests?.tests.find((t) => t.status === 'failed')?.name).toBe('negative');
  });

  it('refuses a framework the runtime does not offer, naming the field', async () => {
    await expect(run(ctx, { language: 'python', code: 'x = 1', tests: { framework: 'unittest', files: TESTS.files } })).rejects.toMatchObject({ field: 'tests.framework' });
  });
});
