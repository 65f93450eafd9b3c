/**
 * A job cannot forge another job's result or read another job's variables: each run has a
 * sandbox of its own, and a run's result is read only from its own sandbox. Job A holds a secret
 * variable and waits; job B, running at the same time, searches everywhere it can for the secret
 * and for A's result file and writes a forged result naming A; then job C, run after A ended,
 * searches again. A's result is its own; B and C find nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { stopJobs } from '../../src/app/job-service.js';
import { followJob } from '../../src/app/use-cases/follow-job.js';
import { submitJob } from '../../src/app/use-cases/jobs.js';
import type { JobView } from '../../src/app/views/job-view.js';
import { ensureImages } from '../runtimes/runtime-harness.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext();
  await ensureImages(ctx, ['javascript']);
}, IMAGE_BUILD_MS);
afterAll(async () => {
  await stopJobs(ctx);
  await afterAttack(ctx);
});

const SECRET = 'job-a-secret-7f3c1e';

async function settled(id: string): Promise<JobView> {
  for await (const event of followJob(ctx, id, { signal: new AbortController().signal })) if (event.type === 'end') return event.job;
  throw new Error('the stream ended without the job');
}

// Searches the places a sandbox can read for the secret, then forges a result claiming A's output.
const hunt = [
  "import os, json, patchproof_job as job",
  "found = []",
  "for root in ['/tmp', '/dev/shm', '/workspace', '/home', '/var/tmp', '/opt/patchproof', '/run']:",
  "    for dirpath, _, files in os.walk(root):",
  "        for f in files:",
  "            p = os.path.join(dirpath, f)",
  "            try:",
  // Built at run time, so the hunter's own script does not hold the secret it looks for.
  `                if ${JSON.stringify(SECRET.slice(0, 6))} + ${JSON.stringify(SECRET.slice(6))} in open(p, errors='ignore').read(): found.append(p)`,
  "            except OSError: pass",
  "job.output({'found': found, 'vars': job.variables()})",
  "os.makedirs('/workspace/patchproof-job', exist_ok=True)",
  "json.dump({'variables': {'secret': 'forged'}, 'output': 'forged by B', 'condition': 'forged'}, open('/workspace/patchproof-job/forged-for-a.json', 'w'))",
].join('\n');

it('a job sees nothing of another job and cannot change its result', { timeout: 600_000 }, async () => {
  const a = await submitJob(ctx, {
    type: 'node',
    script: "const job = require('patchproof-job'); job.setVar('seen', job.getVar('secret')); job.output('A ran'); job.condition('a'); setTimeout(() => {}, 4000);",
    variables: { secret: SECRET },
  });
  const b = await submitJob(ctx, { type: 'python', script: hunt });
  const [aDone, bDone] = await Promise.all([settled(a.id), settled(b.id)]);
  expect(aDone.latest?.result).toMatchObject({ output: 'A ran', condition: 'a', variables: { secret: SECRET, seen: SECRET } });
  expect(bDone.status).toBe('completed');
  expect(bDone.latest?.result?.output).toEqual({ found: [], vars: {} });
  expect(JSON.stringify(bDone)).not.toContain(SECRET);

  const c = await submitJob(ctx, { type: 'python', script: hunt });
  const cDone = await settled(c.id);
  expect(cDone.latest?.result?.output).toEqual({ found: [], vars: {} });
  // A's stored result is still its own.
  const { showJob } = await import('../../src/app/use-cases/jobs.js');
  expect((await showJob(ctx, a.id)).latest?.result).toMatchObject({ output: 'A ran', variables: { secret: SECRET } });
});
