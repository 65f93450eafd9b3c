/**
 * What every attack on a run shares: a context with small limits (so each case is quick), the
 * python and bash runtimes' images, and after each case the checks that nothing of ours is left
 * and that the next, harmless run still works.
 */
import { expect } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { startRuntimePools } from '../../src/app/runtime-service.js';
import { listRuntimes } from '../../src/app/use-cases/list-runtimes.js';
import { waitFor } from '../support/worker-harness.js';
import { closeAndCheck, ensureImages, run, runtimeContext } from '../runtimes/runtime-harness.js';

export { IMAGE_BUILD_MS, run } from '../runtimes/runtime-harness.js';

export async function attackContext(env: Record<string, string> = {}): Promise<AppContext> {
  const ctx = await runtimeContext({ PATCHPROOF_MEMORY_MB: '256', PATCHPROOF_PIDS_LIMIT: '64', PATCHPROOF_TEST_TIMEOUT_S: '30', PATCHPROOF_CPU_TIME_S: '20', PATCHPROOF_OUTPUT_LIMIT_BYTES: String(1024 * 1024), ...env });
  await ensureImages(ctx, ['python', 'bash']);
  return ctx;
}

/** The next run is unharmed, and nothing is left once the context closes. */
export async function afterAttack(ctx: AppContext): Promise<void> {
  const next = await run(ctx, { language: 'python', code: 'print("still fine")' });
  expect(next).toMatchObject({ stdout: 'still fine\n', exitCode: 0, limitHit: null });
  await closeAndCheck(ctx);
}

/** Starts the context's warm pools and waits until `language` has a ready sandbox: the next run of it is warm. */
export async function warmUp(ctx: AppContext, language: string): Promise<void> {
  startRuntimePools(ctx);
  await waitFor(`a ready ${language} sandbox`, async () => (listRuntimes(ctx).runtimes.find((r) => r.name === language)?.ready ?? 0) > 0, 300_000);
}
