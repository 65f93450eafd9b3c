/**
 * A warm run's code kills the wrapper that would reap after it and report its limits
 * (sandbox/run-wrapper.ts), leaves a process behind and starts a fork bomb. Without the wrapper's
 * trailer the reaper runs in an exec of its own: everything is killed and the process limit is
 * still named; the next run is unharmed and nothing is left.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run, warmUp } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'bash:1' });
  await warmUp(ctx, 'bash');
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

it('a run that kills its wrapper still has its fork bomb named and killed', async () => {
  const view = await run(ctx, { language: 'bash', code: 'kill -9 $PPID\nsleep 300 &\nbomb() { bomb | bomb & }; bomb; sleep 2' });
  expect(view.warm).toBe(true);
  expect(view.limitHit).toBe('pids_limit');
  // The wrapper's exit code is what the engine saw: it was killed.
  expect(view.exitCode).toBe(137);
});
