/**
 * A run cannot see what an earlier run left: each run, cold or warm, gets a sandbox of its own
 * that is destroyed after it. The first run writes everywhere it can; the second looks for it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { startRuntimePools } from '../../src/app/runtime-service.js';
import { listRuntimes } from '../../src/app/use-cases/list-runtimes.js';
import { waitFor } from '../support/worker-harness.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'python:2' });
  startRuntimePools(ctx);
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

const leave = [
  'import os',
  'for d in ["/tmp", "/dev/shm", "/workspace", "/workspace/.patchproof"]:',
  '    try:',
  '        os.makedirs(d, exist_ok=True)',
  '        open(os.path.join(d, "left-by-run-1"), "w").write("secret")',
  '        print("wrote", d)',
  '    except OSError as e:',
  '        print("could not write", d, type(e).__name__)',
].join('\n');

const look = [
  'import os',
  'found = []',
  'for root in ["/tmp", "/dev/shm", "/workspace", "/home", "/var/tmp"]:',
  '    for dirpath, _, files in os.walk(root):',
  '        found += [os.path.join(dirpath, f) for f in files if f == "left-by-run-1"]',
  'print("found", found)',
].join('\n');

it('a second run, warm or cold, finds nothing the first run wrote', { timeout: 900_000 }, async () => {
  await waitFor('two ready python sandboxes', async () => listRuntimes(ctx).runtimes.find((r) => r.name === 'python')?.ready === 2, 300_000);
  const first = await run(ctx, { language: 'python', code: leave });
  expect(first.warm).toBe(true);
  expect(first.stdout).toContain('wrote /tmp');
  expect(first.stdout).toContain('wrote /workspace');
  const warm = await run(ctx, { language: 'python', code: look });
  expect(warm.warm).toBe(true);
  expect(warm.stdout).toBe('found []\n');
  const cold = await run(ctx, { language: 'python', code: look, wait: true, timeout: 30 });
  expect(cold.stdout).toBe('found []\n');
});
