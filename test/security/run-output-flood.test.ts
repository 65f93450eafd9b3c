/** A run printing without end is cut at the output limit, head and tail kept, named `output_limit`. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run, warmUp } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'python:1' });
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

it('python printing forever ends as output_limit with bounded output', async () => {
  const view = await run(ctx, { language: 'python', code: 'print("first line")\nwhile True:\n    print("x" * 1000)\n' });
  expect(view.limitHit).toBe('output_limit');
  expect(view.outputTruncated).toBe(true);
  expect(view.stdout.startsWith('first line\n')).toBe(true);
  expect(view.stdout.length).toBeLessThanOrEqual(1024 * 1024);
});

it('through a warm sandbox too: cut the same way, the wrapper stopped with it', async () => {
  await warmUp(ctx, 'python');
  const view = await run(ctx, { language: 'python', code: 'print("first line")\nwhile True:\n    print("x" * 1000)\n' });
  expect(view.warm).toBe(true);
  expect(view.limitHit).toBe('output_limit');
  expect(view.stdout.startsWith('first line\n')).toBe(true);
  expect(view.stdout.length).toBeLessThanOrEqual(1024 * 1024);
});
