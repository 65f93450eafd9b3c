/**
 * A scheduled job kept by two servers over one database runs once per tick: the second server
 * picks up the stored schedule when it starts, both fire on every tick, and the tick's run id
 * (the same in both) lets only one of them run it. Both runs and more are in the job's history.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobView } from '../../src/app/views/job-view.js';
import { HttpServer } from '../support/http-server.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { ensureImages, IMAGE_BUILD_MS, RUN_MS } from '../runtimes/runtime-harness.js';

let first: HttpServer;
let second: HttpServer | null = null;
beforeAll(async () => {
  const db = join(await mkdtemp(join(tmpdir(), 'patchproof-jobs-shared-')), 'db.sqlite');
  first = await HttpServer.start({ PATCHPROOF_DB_PATH: db });
  await ensureImages(first.ctx, ['bash']);
}, IMAGE_BUILD_MS);
afterAll(async () => {
  await second?.close();
  await first.close();
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

it('runs each tick once when two servers keep the schedule', { timeout: RUN_MS }, async () => {
  const submitted = JobView.parse(await (await first.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'echo tick', schedule: '*/2 * * * * *' } })).json());
  second = await HttpServer.start({ PATCHPROOF_DB_PATH: first.ctx.config.PATCHPROOF_DB_PATH });
  let job = submitted;
  for (let i = 0; i < 240 && job.runs.filter((r) => r.status === 'completed').length < 4; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = JobView.parse(await (await second.fetch(`/v1/jobs/${submitted.id}`)).json());
  }
  expect(job.runs.filter((r) => r.status === 'completed').length).toBeGreaterThanOrEqual(4);
  // One run per tick: no two runs were created within the same two-second tick.
  const ticks = job.runs.map((r) => Math.floor(Date.parse(r.createdAt) / 2000));
  expect(new Set(ticks).size).toBe(job.runs.length);
});
