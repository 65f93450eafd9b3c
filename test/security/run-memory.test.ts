/** A run that allocates past its memory is OOM-killed, named `oom`, and harms no later run. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext();
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

it('python allocating 1 GiB under a 256 MiB limit ends as oom', async () => {
  const view = await run(ctx, { language: 'python', code: 'blocks = []\nwhile True:\n    blocks.append(bytearray(16 * 1024 * 1024))\n' });
  expect(view.limitHit).toBe('oom');
  expect(view.exitCode).not.toBe(0);
});
