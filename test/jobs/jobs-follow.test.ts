/**
 * A job's live log from any process sharing the database, on the real engine and a real SQLite
 * file: server A runs the jobs; server B (another app context over the same file) and the built
 * CLI (another process) follow them. A gated job prints a line, then waits for the test to let
 * it go (a file the test writes into its sandbox), then prints another: the followers must see
 * the first line while the run cannot have ended. Resuming after a seq gives exactly what came
 * after, over SSE from B too (Last-Event-ID); a chatty job's live log stays within its bound,
 * written in few chunks, and says it was cut; a job deleted while followed ends the follow
 * `cancelled` (the CLI exits 1); a run from before events were kept is followed from its row.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { followJob } from '../../src/app/use-cases/follow-job.js';
import { JobStreamEventView, JobView } from '../../src/app/views/job-view.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { EXEC_USER } from '../../src/sandbox/hardened-spec.js';
import { LABEL_OWNER_KIND, LABEL_WORKER, workerIdentity } from '../../src/sandbox/labels.js';
import { HttpServer, readEvents } from '../support/http-server.js';
import { CLI } from '../support/run-cli.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { waitFor } from '../support/worker-harness.js';
import { ensureImages, IMAGE_BUILD_MS, RUN_MS } from '../runtimes/runtime-harness.js';

/** Waits (up to two minutes) for the test to write /tmp/go into its sandbox. */
const GATED = 'echo first\nfor i in $(seq 600); do [ -e /tmp/go ] && break; sleep 0.2; done\necho second >&2\necho third';
const KEEP_BYTES = 4096;

let db: string;
let runner: HttpServer;
let follower: HttpServer;
beforeAll(async () => {
  db = join(await mkdtemp(join(tmpdir(), 'patchproof-jobs-follow-')), 'db.sqlite');
  runner = await HttpServer.start({ PATCHPROOF_DB_PATH: db, PATCHPROOF_OUTPUT_KEEP_BYTES: String(KEEP_BYTES) });
  follower = await HttpServer.start({ PATCHPROOF_DB_PATH: db });
  await ensureImages(runner.ctx, ['bash']);
}, IMAGE_BUILD_MS);
afterAll(async () => {
  await follower?.close();
  await runner?.close();
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

async function submit(script: string): Promise<JobView> {
  const response = await runner.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script } });
  expect(response.status).toBe(202);
  return JobView.parse(await response.json());
}

/** Lets the gated job go on: the file it waits for, written in its (only) sandbox. */
async function release(): Promise<void> {
  const [box] = await docker.listContainers({ filters: { label: [`${LABEL_WORKER}=${workerIdentity()}`, `${LABEL_OWNER_KIND}=job`], status: ['running'] } });
  if (box === undefined) throw new Error('no job sandbox runs');
  const exec = await docker.getContainer(box.Id).exec({ Cmd: ['touch', '/tmp/go'], User: EXEC_USER, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise((resolve) => stream.on('end', resolve).resume());
}

async function runEnded(runId: string): Promise<boolean> {
  const run = await (await follower.ctx.storage()).jobs.run(runId);
  return run?.finishedAt !== null;
}

const logText = (events: readonly JobStreamEventView[], stream?: string) => events.flatMap((e) => (e.type === 'log' && (stream === undefined || e.stream === stream) ? [e.text] : [])).join('');

it('follows a run from another context over the same file, live, and resumes after a seq', { timeout: RUN_MS }, async () => {
  const job = await submit(GATED);
  const events: JobStreamEventView[] = [];
  let sawFirst: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (sawFirst = resolve));
  const following = (async () => {
    for await (const event of followJob(follower.ctx, job.id, { signal: new AbortController().signal })) {
      events.push(event);
      if (logText(events).includes('first\n')) sawFirst();
    }
  })();
  await first;
  // The run waits for the test: it cannot have ended, nor printed what comes after the gate.
  const runId = job.latest?.id ?? '';
  expect(await runEnded(runId)).toBe(false);
  expect(logText(events)).toBe('first\n');
  await release();
  await following;

  expect(events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.status : ''))).toEqual(['queued', 'preparing', 'running', 'completed']);
  expect(logText(events, 'stdout')).toBe('first\nthird\n');
  expect(logText(events, 'stderr')).toBe('second\n');
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const end = events.at(-1);
  expect(end?.type === 'end' ? end.job.latest?.result?.stdout : null).toBe('first\nthird\n');

  // Resumed after a seq: exactly what came after, in this context and over SSE from B.
  const resumed: JobStreamEventView[] = [];
  for await (const event of followJob(follower.ctx, job.id, { signal: new AbortController().signal, after: 3 })) resumed.push(event);
  expect(resumed).toEqual(events.filter((e) => e.seq > 3));
  const sse = await readEvents(await follower.fetch(`/v1/jobs/${job.id}/events`, { headers: { 'last-event-id': '4' } }), (e) => e?.type === 'end');
  expect(sse.events.map((e) => Number(e.id))).toEqual(events.filter((e) => e.seq > 4).map((e) => e.seq));
  expect(sse.events.map((e) => JobStreamEventView.parse(e.data).type)).toEqual(events.filter((e) => e.seq > 4).map((e) => e.type));
});

it('streams the live log over SSE from a server not running the job', { timeout: RUN_MS }, async () => {
  const job = await submit(GATED);
  const response = await follower.fetch(`/v1/jobs/${job.id}/events`);
  // Checked (and the job let go) when the first line comes; the stream read on meanwhile.
  let gate: Promise<boolean> | null = null;
  const { events } = await readEvents(response, (e) => {
    if (gate === null && e?.type === 'log' && String(e.data['text']).includes('first')) {
      gate = runEnded(job.latest?.id ?? '').then(async (ended) => {
        await release();
        return ended;
      });
    }
    return e?.type === 'end';
  });
  expect(gate).not.toBeNull();
  expect(await gate).toBe(false);
  const parsed = events.map((e) => JobStreamEventView.parse(e.data));
  // In order within a stream (the engine reads the two pipes apart, so not across them).
  expect(logText(parsed, 'stdout')).toBe('first\nthird\n');
  expect(logText(parsed, 'stderr')).toBe('second\n');
  expect(parsed.at(-2)).toMatchObject({ type: 'status', status: 'completed' });
});

it('prints the live log in `jobs log --follow` from another process, then the ending, exit 0', { timeout: RUN_MS }, async () => {
  const job = await submit(GATED);
  const cli = spawnCli(['jobs', 'log', job.id, '--follow']);
  await waitFor('the first line printed by the CLI', async () => cli.stdout().includes('first\n'), 120_000);
  expect(await runEnded(job.latest?.id ?? '')).toBe(false);
  await release();
  const { code, stdout, stderr } = await cli.done;
  expect(code, stderr).toBe(0);
  expect(stdout).toBe('first\nthird\n');
  expect(stderr).toContain('second\n');
  expect(stderr).toMatch(/run #1 completed, exit 0/);
});

it('keeps a chatty job within the bound, in few writes, and says it was cut', { timeout: RUN_MS }, async () => {
  const lines = 5_000;
  const job = await submit(`for i in $(seq ${lines}); do echo "line $i of a chatty job"; done; echo done >&2`);
  const events: JobStreamEventView[] = [];
  for await (const event of followJob(follower.ctx, job.id, { signal: new AbortController().signal })) events.push(event);
  const stdout = events.filter((e) => e.type === 'log' && e.stream === 'stdout');
  expect(Buffer.byteLength(logText(events, 'stdout'))).toBe(KEEP_BYTES);
  expect(logText(events, 'stdout').startsWith('line 1 of a chatty job\nline 2 ')).toBe(true);
  expect(stdout.at(-1)).toMatchObject({ truncated: true });
  expect(stdout.slice(0, -1).every((e) => e.type === 'log' && !e.truncated)).toBe(true);
  expect(logText(events, 'stderr')).toBe('done\n');
  // Batched: far fewer stored chunks than lines printed.
  expect(events.filter((e) => e.type === 'log').length).toBeLessThan(lines / 50);
  const end = events.at(-1);
  const result = end?.type === 'end' ? end.job.latest?.result : undefined;
  expect(result).toMatchObject({ exitCode: 0, outputTruncated: true });
  expect(result?.stdout.endsWith(`line ${lines} of a chatty job\n`)).toBe(true);

  // The CLI says where the live log stops.
  const cli = await spawnCli(['jobs', 'log', job.id, '--follow']).done;
  expect(cli.code).toBe(0);
  expect(cli.stderr).toMatch(/the live stdout stops here/);
});

it('ends the follow `cancelled` when the job is deleted, from another process (exit 1)', { timeout: RUN_MS }, async () => {
  const job = await submit(GATED);
  const cli = spawnCli(['jobs', 'log', job.id, '--follow']);
  await waitFor('the first line printed by the CLI', async () => cli.stdout().includes('first\n'), 120_000);
  // Deleted through the server that does not run it.
  expect((await follower.fetch(`/v1/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(200);
  const { code, stdout, stderr } = await cli.done;
  expect(code).toBe(1);
  expect(stdout).toBe('first\n');
  expect(stderr).toMatch(/run #1 cancelled.*the job was deleted before this run ended/);
  const events: JobStreamEventView[] = [];
  for await (const event of followJob(follower.ctx, job.id, { signal: new AbortController().signal })) events.push(event);
  expect(events.at(-2)).toMatchObject({ type: 'status', status: 'cancelled' });
  await waitFor('the sandbox removed', async () => (await docker.listContainers({ all: true, filters: { label: [`${LABEL_WORKER}=${workerIdentity()}`, `${LABEL_OWNER_KIND}=job`] } })).length === 0, 60_000);
});

it('follows a run from before events were kept from its row', async () => {
  const storage = await follower.ctx.storage();
  const id = '00000000-0000-4000-8000-00000000a1d0';
  await storage.jobs.create({ id, type: 'bash', script: 'echo', input: undefined, variables: {}, timeoutS: null, schedule: null, createdAt: Date.now(), deletedAt: null });
  const result = { output: null, condition: null, variables: {}, exitCode: 0, durationMs: 5, limitHit: null, stdout: 'old log\n', stderr: '', outputTruncated: false, error: null };
  await storage.db.query("INSERT INTO job_runs (id, job_id, seq, status, created_at, finished_at, result) VALUES ('00000000-0000-4000-8000-00000000a1d1', ?1, 1, 'completed', ?2, ?2, ?3)", [id, Date.now(), JSON.stringify(result)]);
  const events: JobStreamEventView[] = [];
  for await (const event of followJob(follower.ctx, id, { signal: new AbortController().signal })) events.push(event);
  expect(events.map((e) => [e.seq, e.type === 'status' ? e.status : e.type])).toEqual([[1, 'completed'], [2, 'end']]);
  const cli = await spawnCli(['jobs', 'log', id, '--follow']).done;
  expect(cli).toMatchObject({ code: 0, stdout: 'old log\n' });
});

/** The built CLI over the same database, its output readable while it runs. */
function spawnCli(args: readonly string[]): { stdout: () => string; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, PATCHPROOF_DB_PATH: db }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { stdout: () => stdout, done };
}
