/**
 * `patchproof jobs` as a user runs it (the built CLI, a real process, the real engine): a bash
 * job with input, variables, output and condition, and its exit code; a failing one's; list,
 * show, log; delete (twice, the same answer; gone from the list; the history kept); an unknown
 * id and bad usage refused with the error view, exit 2. Nothing is left behind.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobListView, JobView } from '../../src/app/views/job-view.js';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { runCli } from '../support/run-cli.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, RUN_MS, runtimeContext } from '../runtimes/runtime-harness.js';

const SCRIPT = [
  'source /opt/patchproof/job/job.sh',
  'echo "log line from the job"',
  'job_set_var counted "$(( $(job_var count) + 1 ))"',
  'job_output_json "{\\"said\\":\\"$(job_var greeting) $(job_input | tr -d \'\\"\')\\"}"',
  'job_condition big',
].join('\n');

describe('patchproof jobs', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    const ctx = await runtimeContext();
    try {
      await ensureImages(ctx, ['bash']);
    } finally {
      await closeAndCheck(ctx);
    }
    env = { PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), 'patchproof-jobs-cli-')), 'db.sqlite'), PATCHPROOF_MEMORY_MB: '512' };
  }, IMAGE_BUILD_MS);
  afterAll(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  it('runs a job, lists, shows, logs and deletes it, with the exit codes a script can branch on', { timeout: RUN_MS }, async () => {
    const ran = await runCli(['jobs', 'run', '--type', 'bash', '--script', SCRIPT, '--input', '"world"', '--var', 'greeting=hello', '--var', 'count=41', '--json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    const job = JobView.parse(JSON.parse(ran.stdout));
    expect(job).toMatchObject({ type: 'bash', status: 'completed', deletedAt: null });
    expect(job.latest?.result).toMatchObject({ output: { said: 'hello world' }, condition: 'big', variables: { greeting: 'hello', count: '41', counted: '42' }, exitCode: 0, error: null });

    // For people: the log as it comes (stderr), then the result; a failing script exits 1.
    const failing = await runCli(['jobs', 'run', '--type', 'bash', '--script', 'echo about to fail; exit 3'], env);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('about to fail');
    expect(failing.stdout).toMatch(/bash, failed/);
    expect(failing.stdout).toContain('error: the script exited with code 3');

    const listed = await runCli(['jobs', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(JobListView.parse(JSON.parse(listed.stdout)).jobs.map((j) => j.id)).toContain(job.id);
    const shown = await runCli(['jobs', 'show', job.id], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('condition: big');
    expect(shown.stdout).toContain('counted=42');
    const log = await runCli(['jobs', 'log', job.id], env);
    expect(log).toMatchObject({ code: 0, stdout: 'log line from the job\n' });

    const deleted = await runCli(['jobs', 'delete', job.id, '--json'], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = JobView.parse(JSON.parse(deleted.stdout));
    expect(gone).toMatchObject({ id: job.id, status: 'deleted', deletedAt: expect.any(String) });
    // Its history stays; deleting again answers the same; it leaves the list.
    expect(gone.latest?.result?.output).toEqual({ said: 'hello world' });
    const again = await runCli(['jobs', 'delete', job.id, '--json'], env);
    expect(again.code).toBe(0);
    expect(JobView.parse(JSON.parse(again.stdout)).deletedAt).toBe(gone.deletedAt);
    expect(JobListView.parse(JSON.parse((await runCli(['jobs', 'list', '--json'], env)).stdout)).jobs.map((j) => j.id)).not.toContain(job.id);
  });

  it('refuses an unknown id and bad usage with the error view, exit 2', async () => {
    const unknown = await runCli(['jobs', 'delete', '00000000-0000-4000-8000-000000000000', '--json'], env);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    const cases: [string[], string][] = [
      [['jobs', 'run', '--type', 'cobol', '--script', 'x', '--json'], 'type'],
      [['jobs', 'run', '--type', 'bash', '--script', 'x', '--input', '{not json', '--json'], 'input'],
      [['jobs', 'run', '--type', 'bash', '--script', 'x', '--var', 'no spaces=1', '--json'], 'variables'],
    ];
    for (const [args, field] of cases) {
      const refused = await runCli(args, env);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(JSON.parse(refused.stdout), args.join(' ')).toMatchObject({ error: { code: 'invalid_input', field } });
    }
  });
});
