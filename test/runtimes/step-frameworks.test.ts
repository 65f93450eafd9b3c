/**
 * The step test frameworks of the compiled and other scripted runtimes (pytest and node:test:
 * step-tests.test.ts): for each, one suite against right code (every test passes, per test) and
 * against wrong code (the failing test named with its message), through the run use case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { RunCompletedView } from '../../src/app/views/run-code-view.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';
import { STEP_CASES } from './step-cases.js';

function ids(view: RunCompletedView): string[] {
  return (view.tests?.tests ?? []).map((t) => t.id);
}

describe('step test frameworks', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext();
    await ensureImages(ctx, STEP_CASES.map((c) => c.language));
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  for (const c of STEP_CASES) {
    it(`${c.language} with ${c.framework}: right code passes every test, wrong code fails the one it breaks`, async () => {
      const tests = { framework: c.framework, files: [...c.tests] };
      const good = await run(ctx, { language: c.language, code: c.right, tests });
      expect(good.tests, JSON.stringify(good)).toMatchObject({ framework: c.framework, passedAll: true, total: c.ids.length, passed: c.ids.length, failed: 0, problem: null });
      expect(ids(good).sort()).toEqual([...c.ids].sort());

      const bad = await run(ctx, { language: c.language, code: c.wrong, tests });
      expect(bad.tests, JSON.stringify(bad)).toMatchObject({ passedAll: false, total: c.ids.length, passed: c.ids.length - 1, failed: 1 });
      const failed = bad.tests?.tests.find((t) => t.status === 'failed');
      expect(failed?.id).toBe(c.failing);
      expect(failed?.message).toContain(c.message);
    }, RUN_MS);
  }

  it('a test file that does not compile is the compile step\'s error, mapped to its line', async () => {
    const view = await run(ctx, { language: 'go', code: STEP_CASES[0]?.right ?? '', tests: { framework: 'go test', files: [{ filepath: 'main_test.go', content: 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) { Sub(1, 2) }\n' }] } });
    expect(view.tests).toBeNull();
    expect(view.error).toMatchObject({ phase: 'compile', file: 'main_test.go', line: 5 });
  }, RUN_MS);

  it('names the frameworks a runtime offers when asked for another', async () => {
    await expect(run(ctx, { language: 'go', code: 'package main\n', tests: { framework: 'gotestsum', files: [] } })).rejects.toMatchObject({ field: 'tests.framework', message: expect.stringContaining('it offers go test') });
  });
});
