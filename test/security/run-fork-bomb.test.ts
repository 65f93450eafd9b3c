/** A run's fork bomb hits the process limit, is named as such, and harms no later run. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run, warmUp } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'bash:1' });
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

it('a bash fork bomb ends as pids_limit', async () => {
  const view = await run(ctx, { language: 'bash', code: 'bomb() { bomb | bomb & }; bomb; sleep 5' });
  expect(view.limitHit).toBe('pids_limit');
});

it('through a warm sandbox too: the wrapper reaps it with builtins and reads the refused forks', async () => {
  await warmUp(ctx, 'bash');
  const view = await run(ctx, { language: 'bash', code: 'bomb() { bomb | bomb & }; bomb; sleep 5' });
  expect(view.warm).toBe(true);
  expect(view.limitHit).toBe('pids_limit');
});
