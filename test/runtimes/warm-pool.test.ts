/**
 * The python runtime's warm pool on the real engine: its status moves from starting to ready,
 * a run takes a warm sandbox without any container being started during it (watched on the
 * engine's event stream), the pool refills, and stopping it leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { startRuntimePools } from '../../src/app/runtime-service.js';
import { listRuntimes } from '../../src/app/use-cases/list-runtimes.js';
import { runCode } from '../../src/app/use-cases/run-code.js';
import { z } from 'zod';
import { LABEL_OWNER_KIND, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';

const EventSchema = z.object({ timeNano: z.number(), Actor: z.object({ Attributes: z.record(z.string(), z.string()) }) });
import { docker } from '../support/run-validation.js';
import { waitFor } from '../support/worker-harness.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, runtimeContext } from './runtime-harness.js';

const pythonState = (ctx: AppContext) => listRuntimes(ctx).runtimes.find((r) => r.name === 'python');

/** Container `start` events of this process's sandboxes while `during` runs, by owner kind. */
async function startsDuring(during: () => Promise<unknown>): Promise<{ run: number; warm: number }> {
  const startedMs = Date.now();
  const since = Math.floor(startedMs / 1000) - 1;
  await during();
  const until = Math.floor(Date.now() / 1000) + 1;
  const stream = await docker.getEvents({ since, until, filters: { type: ['container'], event: ['start'], label: [`${LABEL_WORKER}=${workerIdentity()}`] } });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const kinds = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => EventSchema.parse(JSON.parse(l)))
    // The engine's filter works in whole seconds: the events before `during` began are dropped here.
    .filter((e) => e.timeNano / 1e6 >= startedMs)
    .map((e) => e.Actor.Attributes[LABEL_OWNER_KIND]);
  return { run: kinds.filter((k) => k === 'run').length, warm: kinds.filter((k) => k === 'warm').length };
}

describe('the warm pool', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext({ PATCHPROOF_WARM_POOL: 'python:1' });
    await ensureImages(ctx, ['python', 'bash']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  it('moves from starting to ready, and a warm run starts no container', { timeout: 900_000 }, async () => {
    startRuntimePools(ctx);
    expect(pythonState(ctx)).toMatchObject({ state: 'starting', ready: 0, target: 1 });
    expect(listRuntimes(ctx).runtimes.find((r) => r.name === 'go')).toMatchObject({ state: 'cold', target: 0 });
    await waitFor('a ready python sandbox', async () => pythonState(ctx)?.state === 'ready', 300_000);
    expect(pythonState(ctx)).toMatchObject({ state: 'ready', ready: 1 });

    let view: Awaited<ReturnType<typeof run>> | null = null;
    const warmRun = await startsDuring(async () => {
      view = await run(ctx, { language: 'python', code: 'print(1)' });
    });
    expect(view).toMatchObject({ warm: true, stdout: '1\n', exitCode: 0 });
    // No sandbox of kind `run` started; the only start allowed is the pool's refill (kind `warm`).
    expect(warmRun).toEqual({ run: 0, warm: expect.any(Number) });
    expect(warmRun.warm).toBeLessThanOrEqual(1);
    await waitFor('a ready python sandbox', async () => pythonState(ctx)?.state === 'ready', 300_000);

    // The same watch sees a cold run's start: the check above can fail.
    const coldRun = await startsDuring(async () => {
      view = await run(ctx, { language: 'bash', code: 'echo 1' });
    });
    expect(view).toMatchObject({ warm: false, stdout: '1\n' });
    expect(coldRun.run).toBe(1);
  });

  it('answers starting with a retry time when asked not to wait and nothing is ready', async () => {
    // The earlier cold run's sandbox may still be being removed (in the background): none may be new.
    const runSandboxes = async () => (await docker.listContainers({ all: true, filters: { label: [`${LABEL_WORKER}=${workerIdentity()}`, 'patchproof.owner-kind=run'] } })).map((c) => c.Id);
    const before = await runSandboxes();
    const cold = await runCode(ctx, { language: 'ruby', code: 'puts 1', wait: false });
    expect(cold).toMatchObject({ status: 'starting', language: 'ruby', retryAfterS: 2 });
    expect((await runSandboxes()).filter((id) => !before.includes(id))).toEqual([]);
  });
});
