/**
 * Script jobs through the doors, on a real server with the real engine: a job with input,
 * variables, output and condition in each of bash, python and node; a failing script; a
 * timeout; the SSE stream's statuses and log; a scheduled job run twice with both runs in its
 * history; bad input refused naming the field with nothing stored; and the MCP run_job tool
 * through the SDK's client, its statuses and log as progress notifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobListView, JobView } from '../../src/app/views/job-view.js';
import { HttpServer, readEvents } from '../support/http-server.js';
import { httpClient, structured } from '../support/mcp-client.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { ensureImages, IMAGE_BUILD_MS, RUN_MS } from '../runtimes/runtime-harness.js';

const SCRIPTS = {
  bash: [
    'source /opt/patchproof/job/job.sh',
    'name=$(job_var greeting)',
    'echo "log line from bash"',
    'job_set_var counted "$(( $(job_var count) + 1 ))"',
    'job_output_json "{\\"said\\":\\"$name $(job_input | tr -d \'\\"\')\\"}"',
    'job_condition big',
  ].join('\n'),
  python: [
    'import patchproof_job as job',
    'print("log line from python")',
    'job.set_var("counted", str(int(job.get_var("count")) + 1))',
    'job.output({"said": job.get_var("greeting") + " " + job.input()})',
    'job.condition("big")',
  ].join('\n'),
  node: [
    "const job = require('patchproof-job');",
    "console.log('log line from node');",
    "job.setVar('counted', String(Number(job.getVar('count')) + 1));",
    "job.output({ said: job.getVar('greeting') + ' ' + job.input() });",
    "job.condition('big');",
  ].join('\n'),
} as const;

async function settled(server: HttpServer, id: string): Promise<JobView> {
  const response = await server.fetch(`/v1/jobs/${id}/events`);
  expect(response.status).toBe(200);
  const { events } = await readEvents(response, (e) => e?.type === 'end');
  const end = events.find((e) => e.type === 'end');
  return JobView.parse(end?.data['job']);
}

describe('script jobs over HTTP and MCP', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await HttpServer.start();
    await ensureImages(server.ctx, ['bash', 'python', 'javascript']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => {
    await server.close();
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it.each(['bash', 'python', 'node'] as const)('runs a %s job with input, variables, output and condition', async (type) => {
    const response = await server.fetch('/v1/jobs', { method: 'POST', json: { type, script: SCRIPTS[type], input: 'world', variables: { greeting: 'hello', count: '41' } } });
    expect(response.status).toBe(202);
    const submitted = JobView.parse(await response.json());
    expect(submitted.runs).toHaveLength(1);
    const job = await settled(server, submitted.id);
    expect(job.status).toBe('completed');
    expect(job.latest?.result).toMatchObject({ output: { said: 'hello world' }, condition: 'big', variables: { greeting: 'hello', count: '41', counted: '42' }, exitCode: 0, error: null });
    expect(job.latest?.result?.stdout).toContain(`log line from ${type}`);
    const again = JobView.parse(await (await server.fetch(`/v1/jobs/${submitted.id}`)).json());
    expect(again).toMatchObject({ status: 'completed', type });
  }, RUN_MS);

  it('keeps quotes, backslashes, newlines, tabs and unicode intact through the bash helper', async () => {
    const tricky = 'he said "hi" \\ back\nslash\ttab \u0001bell é ✓';
    const script = 'source /opt/patchproof/job/job.sh\njob_set_var copy "$(job_var q)"\njob_output "$(job_var q)"\njob_condition "$(job_var q)"';
    const submitted = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script, variables: { q: tricky } } })).json());
    const job = await settled(server, submitted.id);
    expect(job.status).toBe('completed');
    expect(job.latest?.result).toMatchObject({ output: tricky, condition: tricky, variables: { q: tricky, copy: tricky } });
  }, RUN_MS);

  it('streams the status sequence and the log by SSE', async () => {
    const submitted = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'echo first; echo second >&2; exit 0' } })).json());
    const { events } = await readEvents(await server.fetch(`/v1/jobs/${submitted.id}/events`), (e) => e?.type === 'end');
    const statuses = events.filter((e) => e.type === 'status').map((e) => e.data['status']);
    expect(statuses).toEqual(['queued', 'preparing', 'running', 'completed']);
    const log = events.filter((e) => e.type === 'log').map((e) => String(e.data['text'])).join('');
    expect(log).toContain('first');
    expect(log).toContain('second');
    // The log comes between running and the end.
    const types = events.map((e) => (e.type === 'status' ? String(e.data['status']) : e.type));
    expect(types.indexOf('log')).toBeGreaterThan(types.indexOf('running'));
    expect(types.lastIndexOf('log')).toBeLessThan(types.indexOf('completed'));
    expect(types.at(-1)).toBe('end');
    // A follower reconnecting with Last-Event-ID gets only what came after.
    const resumed = await readEvents(await server.fetch(`/v1/jobs/${submitted.id}/events`, { headers: { 'last-event-id': '2' } }), (e) => e?.type === 'end');
    expect(resumed.events.map((e) => Number(e.id))).toEqual(events.map((e) => Number(e.id)).filter((id) => id > 2));
  }, RUN_MS);

  it('ends a failing script failed with its stderr, and a long one timeout', async () => {
    const failing = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'python', script: 'import sys\nsys.stderr.write("cannot go on\\n")\nraise SystemExit(3)' } })).json());
    const failed = await settled(server, failing.id);
    expect(failed.status).toBe('failed');
    expect(failed.latest?.result).toMatchObject({ exitCode: 3, error: 'the script exited with code 3' });
    expect(failed.latest?.result?.stderr).toContain('cannot go on');

    const slow = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'node', script: 'setTimeout(() => {}, 60000);', timeout: 2 } })).json());
    const timedOut = await settled(server, slow.id);
    expect(timedOut.status).toBe('timeout');
    expect(timedOut.latest?.result?.limitHit).toBe('timeout');
  }, RUN_MS);

  it('fails a job whose result file is garbage, clearly', async () => {
    const submitted = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'mkdir -p /workspace/patchproof-job; printf "{not json" > /workspace/patchproof-job/result.json' } })).json());
    const job = await settled(server, submitted.id);
    expect(job.status).toBe('failed');
    expect(job.latest?.result?.error).toMatch(/result file is not JSON/);
    const shape = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'source /opt/patchproof/job/job.sh; job_output_json \'{"a":1}\'; printf \'{"variables":{"bad name":"x"}}\' > /workspace/patchproof-job/result.json' } })).json());
    const bad = await settled(server, shape.id);
    expect(bad.status).toBe('failed');
    expect(bad.latest?.result?.error).toMatch(/not the helper's shape/);
    // A large result is read whole; one past the bound is a clear failure.
    const large = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'python', script: 'import patchproof_job as job\njob.output("x" * 200000)' } })).json());
    const largeDone = await settled(server, large.id);
    expect(largeDone.status).toBe('completed');
    expect(String(largeDone.latest?.result?.output)).toHaveLength(200_000);
    const huge = JobView.parse(await (await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'python', script: 'import patchproof_job as job\njob.output("x" * 2000000)' } })).json());
    const hugeDone = await settled(server, huge.id);
    expect(hugeDone.status).toBe('failed');
    expect(hugeDone.latest?.result?.error).toMatch(/larger than 1048576 bytes/);
  }, RUN_MS);

  it('runs a scheduled job on its schedule and keeps both runs in its history', async () => {
    const response = await server.fetch('/v1/jobs', { method: 'POST', json: { type: 'bash', script: 'source /opt/patchproof/job/job.sh; job_output tick', schedule: '*/2 * * * * *' } });
    expect(response.status).toBe(202);
    const submitted = JobView.parse(await response.json());
    expect(submitted).toMatchObject({ status: 'scheduled', runs: [], schedule: '*/2 * * * * *' });
    let job = submitted;
    for (let i = 0; i < 240 && job.runs.filter((r) => r.status === 'completed').length < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = JobView.parse(await (await server.fetch(`/v1/jobs/${submitted.id}`)).json());
    }
    const completed = job.runs.filter((r) => r.status === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(2);
    expect(completed.every((r) => r.result?.output === 'tick')).toBe(true);
    expect(new Set(job.runs.map((r) => r.seq)).size).toBe(job.runs.length);
    const list = JobListView.parse(await (await server.fetch('/v1/jobs')).json());
    expect(list.jobs.map((j) => j.id)).toContain(submitted.id);
  }, RUN_MS);

  it('refuses bad input naming the field and stores nothing', async () => {
    const before = JobListView.parse(await (await server.fetch('/v1/jobs?limit=100')).json()).jobs.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'cobol', script: 'x' }, 'type'],
      [{ type: 'bash', script: 'echo', schedule: 'every tuesday' }, 'schedule'],
      [{ type: 'bash', script: 'x'.repeat(256 * 1024 + 1) }, 'script'],
      [{ type: 'bash', script: 'echo', variables: { 'no spaces': 'x' } }, 'variables.no spaces'],
    ];
    for (const [json, field] of cases) {
      const response = await server.fetch('/v1/jobs', { method: 'POST', json });
      expect(response.status, field).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    }
    const after = JobListView.parse(await (await server.fetch('/v1/jobs?limit=100')).json()).jobs.length;
    expect(after).toBe(before);
    expect((await server.fetch('/v1/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const paths = Object.keys(((await (await server.fetch('/openapi.json')).json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/jobs', '/v1/jobs/{id}', '/v1/jobs/{id}/events']));
  });

  it('serves run_job over MCP', async () => {
    const client = await httpClient(`${server.url}/mcp`);
    try {
      // Asked for progress: the run's statuses and log come as notifications, as SSE sends them.
      const progress: string[] = [];
      const result = await client.callTool({ name: 'run_job', arguments: { type: 'python', script: SCRIPTS.python, input: 'mcp', variables: { greeting: 'hi', count: '1' } } }, undefined, {
        onprogress: (p) => void progress.push(p.message ?? ''),
      });
      const job = structured(result, JobView);
      expect(progress).toEqual(expect.arrayContaining(['status: running', 'stdout: log line from python\n', 'status: completed']));
      expect(progress.indexOf('status: running')).toBeLessThan(progress.indexOf('stdout: log line from python\n'));
      expect(job.status).toBe('completed');
      expect(job.latest?.result).toMatchObject({ output: { said: 'hi mcp' }, condition: 'big', variables: { counted: '2' } });
      const refused = await client.callTool({ name: 'run_job', arguments: { type: 'cobol', script: 'x' } });
      expect(refused.isError).toBe(true);
    } finally {
      await client.close();
    }
  }, RUN_MS);
});
