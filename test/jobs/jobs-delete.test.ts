/**
 * DELETE /v1/jobs/{id} over real HTTP, with two servers keeping one database's schedules: a job
 * run every second by both stops on both once deleted on one (no run is added after the
 * deletion, over several tick boundaries), its history stays readable and deleting again
 * answers the same; a running job deleted through the other server (MCP delete_job) is cancelled
 * and its sandbox removed; an unknown id is a 404 with the error shape.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobListView, JobView } from '../../src/app/views/job-view.js';
import { LABEL_OWNER_KIND, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';
import { HttpServer, readEvents } from '../support/http-server.js';
import { httpClient, structured } from '../support/mcp-client.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { waitFor } from '../support/worker-harness.js';
import { ensureImages, IMAGE_BUILD_MS, RUN_MS } from '../runtimes/runtime-harness.js';

let first: HttpServer;
let second: HttpServer;
beforeAll(async () => {
  const db = join(await mkdtemp(join(tmpdir(), 'patchproof-jobs-delete-')), 'db.sqlite');
  first = await HttpServer.start({ PATCHPROOF_DB_PATH: db });
  second = await HttpServer.start({ PATCHPROOF_DB_PATH: db });
  await ensureImages(first.ctx, ['bash']);
}, IMAGE_BUILD_MS);
afterAll(async () => {
  await second?.close();
  await first?.close();
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

const jobSandboxes = async () => (await docker.listContainers({ all: true, filters: { label: [`${LABEL_WORKER}=${workerIdentity()}`, `${LABEL_OWNER_KIND}=job`] } })).length;
const jobOf = async (server: HttpServer, id: string) => JobView.parse(await (await server.fetch(`/v1/jobs/${id}`)).json());

it('stops a scheduled job on every server sharing the database, keeping its history', { timeout: RUN_MS }, async () => {
  // Made on the first server; the second keeps it too once it reads the stored schedules again
  // (every 5 s): six runs take long enough for that.
  const submitted = JobView.parse(await (await first.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'echo tick', schedule: '* * * * * *' } })).json());
  await waitFor('six completed runs', async () => (await jobOf(second, submitted.id)).runs.filter((r) => r.status === 'completed').length >= 6, 300_000);

  const response = await second.fetch(`/v1/jobs/${submitted.id}`, { method: 'DELETE' });
  expect(response.status).toBe(200);
  const deleted = JobView.parse(await response.json());
  expect(deleted).toMatchObject({ id: submitted.id, status: 'deleted', deletedAt: expect.any(String) });
  const deletedAt = Date.parse(deleted.deletedAt ?? '');
  const runsThen = deleted.runs.length;

  // Past three tick boundaries: no server added a run, and none is left going.
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  const after = await jobOf(first, submitted.id);
  expect(after.runs).toHaveLength(runsThen);
  expect(after.runs.filter((r) => Date.parse(r.createdAt) > deletedAt)).toEqual([]);
  expect(after.runs.filter((r) => !['completed', 'cancelled'].includes(r.status))).toEqual([]);
  expect(after.runs.filter((r) => r.status === 'completed').every((r) => r.result?.stdout === 'tick\n')).toBe(true);

  // Idempotent: the same answer again, from either server; the list no longer shows it.
  const again = JobView.parse(await (await first.fetch(`/v1/jobs/${submitted.id}`, { method: 'DELETE' })).json());
  expect(again.deletedAt).toBe(deleted.deletedAt);
  expect(JobListView.parse(await (await first.fetch('/v1/jobs')).json()).jobs.map((j) => j.id)).not.toContain(submitted.id);
  await waitFor('the used sandboxes removed', async () => (await jobSandboxes()) === 0, 60_000);
});

it('cancels a running job and removes its sandbox; an unknown id is a 404', { timeout: RUN_MS }, async () => {
  const submitted = JobView.parse(await (await first.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'echo started; sleep 300' } })).json());
  await waitFor('the job running', async () => (await jobOf(first, submitted.id)).status === 'running', 300_000);
  expect(await jobSandboxes()).toBe(1);
  const follower = first.fetch(`/v1/jobs/${submitted.id}/events`).then((r) => readEvents(r, (e) => e?.type === 'end'));

  // Deleted through the other server's MCP delete_job: the one running it sees it in the database.
  const client = await httpClient(`${second.url}/mcp`);
  const deleted = structured(await client.callTool({ name: 'delete_job', arguments: { id: submitted.id } }).finally(() => client.close()), JobView);
  expect(deleted.latest).toMatchObject({ status: 'cancelled', result: { error: 'the job was deleted before this run ended' } });
  const { events } = await follower;
  expect(events.filter((e) => e.type === 'status').map((e) => e.data['status']).at(-1)).toBe('cancelled');
  await waitFor('the sandbox removed', async () => (await jobSandboxes()) === 0, 60_000);
  expect((await jobOf(first, submitted.id)).latest?.status).toBe('cancelled');

  const unknown = await first.fetch('/v1/jobs/00000000-0000-4000-8000-000000000000', { method: 'DELETE' });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'id', message: expect.any(String) } });
  const spec = (await (await first.fetch('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(spec.paths['/v1/jobs/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'delete']));
});
