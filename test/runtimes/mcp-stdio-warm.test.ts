/**
 * `patchproof mcp` over stdio with PATCHPROOF_WARM_POOL, through the SDK's client: the pool starts
 * with the server (as with `serve`), a run_code call takes a warm sandbox (no container of kind
 * `run` is created during it, watched on the engine's event stream; the only create allowed is
 * the pool's refill); a run_job call the client cancels deletes its job (the run cancelled, its
 * sandbox removed); and once the client closes nothing of the server's is left.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { listJobs, showJob } from '../../src/app/use-cases/jobs.js';
import { RunCompletedView, RuntimesView } from '../../src/app/views/run-code-view.js';
import { withContext } from '../../src/cli/app-context.js';
import { loadConfig } from '../../src/config.js';
import { LABEL_OWNER_KIND, LABEL_STORE } from '../../src/sandbox/labels.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { stdioSession, structured, type StdioSession } from '../support/mcp-client.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { waitFor } from '../support/worker-harness.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, RUN_MS, runtimeContext } from './runtime-harness.js';

const EventSchema = z.object({ timeNano: z.number(), Actor: z.object({ Attributes: z.record(z.string(), z.string()) }) });

/** Container `create` events of one store's sandboxes while `during` runs, by owner kind. */
async function createsDuring(store: string, during: () => Promise<unknown>): Promise<string[]> {
  const startedMs = Date.now();
  await during();
  const stream = await docker.getEvents({ since: Math.floor(startedMs / 1000) - 1, until: Math.floor(Date.now() / 1000) + 1, filters: { type: ['container'], event: ['create'], label: [`${LABEL_STORE}=${store}`] } });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => EventSchema.parse(JSON.parse(l)))
    // The engine's filter works in whole seconds: the events before `during` began are dropped here.
    .filter((e) => e.timeNano / 1e6 >= startedMs)
    .map((e) => e.Actor.Attributes[LABEL_OWNER_KIND] ?? '');
}

const jobs = () => withContext(loadConfig(env), (ctx) => listJobs(ctx));

let env: Record<string, string>;
let store: string;
let session: StdioSession | null = null;
beforeAll(async () => {
  const ctx = await runtimeContext();
  try {
    await ensureImages(ctx, ['bash']);
  } finally {
    await closeAndCheck(ctx);
  }
  env = { PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), 'patchproof-mcp-warm-')), 'db.sqlite'), PATCHPROOF_MEMORY_MB: '512', PATCHPROOF_WARM_POOL: 'bash:1' };
  store = storeLabel(loadConfig(env));
}, IMAGE_BUILD_MS);
afterAll(async () => {
  await session?.close();
});

it('runs from the warm pool over stdio, deletes the job of a cancelled run_job, and leaves nothing once the client closes', { timeout: RUN_MS }, async () => {
  session = await stdioSession(['--workers', '0'], env);
  const client = session.client;
  const bash = async () => structured(await client.callTool({ name: 'list_runtimes', arguments: {} }), RuntimesView).runtimes.find((r) => r.name === 'bash');
  await waitFor('a warm bash sandbox', async () => (await bash())?.state === 'ready', 300_000);
  expect(await bash()).toMatchObject({ state: 'ready', ready: 1, target: 1 });

  let view: RunCompletedView | null = null;
  const kinds = await createsDuring(store, async () => {
    view = structured(await client.callTool({ name: 'run_code', arguments: { language: 'bash', code: 'echo warm' } }), RunCompletedView);
  });
  expect(view).toMatchObject({ warm: true, stdout: 'warm\n', exitCode: 0 });
  expect(kinds.filter((k) => k !== 'warm')).toEqual([]);
  expect(kinds.length).toBeLessThanOrEqual(1);
  // The watch sees the server's creates: the refill comes (it is what the check above allows).
  await waitFor('the pool refilled', async () => (await bash())?.ready === 1, 300_000);
  expect((await leftovers(docker, { store })).containers.length).toBeGreaterThanOrEqual(1);

  // A run_job call the client gives up on: its job is deleted, its run cancelled.
  const abort = new AbortController();
  const call = client.callTool({ name: 'run_job', arguments: { type: 'bash', script: 'echo started; sleep 300' } }, undefined, { signal: abort.signal }).catch((error: unknown) => error);
  const running = await waitFor('the job running', async () => (await jobs()).jobs.find((j) => j.status === 'running'), 300_000);
  abort.abort();
  await call;
  const job = await waitFor('the job deleted', async () => {
    const now = await withContext(loadConfig(env), (ctx) => showJob(ctx, running.id));
    return now.status === 'deleted' ? now : null;
  }, 60_000);
  expect(job.latest).toMatchObject({ status: 'cancelled', result: { error: 'the job was deleted before this run ended' } });

  await session.close();
  session = null;
  expect(await leftovers(docker, { store })).toEqual({ containers: [], volumes: [] });
});
