/**
 * `npm run bench` (runtimes): a warm `print(1)` in python through the HTTP API against the floor
 * of `docker exec` into a running container of the same image, and against a cold run (a sandbox
 * started for the run), as p50 ratios measured in one run on this machine; then 100 run requests
 * at once: every one answered, the excess 503 with Retry-After, none lost.
 *   warm/exec  goal <= 1.5 (p50 under 150 ms on a quiet machine)
 *   warm/cold  how much the warm pool saves
 * Timings on a shared machine are noisy; the ratios, taken in one run, are what to compare.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createContext } from '../app/context.js';
import { runtimeService } from '../app/runtime-service.js';
import { listRuntimes } from '../app/use-cases/list-runtimes.js';
import { loadConfig } from '../config.js';
import { buildServer } from '../http/server.js';
import { runtimeNamed } from '../runtimes/registry.js';

const ROUNDS = 15;
const CONCURRENT = 100;
const exec = promisify(execFile);

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const work = await mkdtemp(join(tmpdir(), 'patchproof-run-bench-'));
  const config = loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_WARM_POOL: 'python:2', PATCHPROOF_RUN_CONCURRENCY: '4' });
  const ctx = createContext(config);
  const app = await buildServer(ctx);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const python = runtimeNamed('python');
  const image = await runtimeService(ctx).image(python);
  const ready = async () => {
    while (listRuntimes(ctx).runtimes.find((r) => r.name === 'python')?.ready !== 2) await sleep(50);
  };
  const post = (body: unknown) => fetch(`${url}/v1/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const container = (await exec('docker', ['run', '-d', '--rm', '--network', 'none', '--label', 'patchproof.bench=exec-floor', image, 'sleep', '600'])).stdout.trim();
  try {
    const warm: number[] = [];
    const cold: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await ready();
      warm.push(await timed(async () => expectWarm(await post({ language: 'python', code: 'print(1)' }), true)));
      // The pool is empty for a moment only if both were taken; a cold run takes no warm one.
      await ready();
      const taken = [runtimeService(ctx).takeWarm(python), runtimeService(ctx).takeWarm(python)];
      cold.push(await timed(async () => expectWarm(await post({ language: 'python', code: 'print(1)' }), false)));
      await Promise.all(taken.map((t) => t?.release()));
      floor.push(await timed(() => exec('docker', ['exec', container, 'python3', '-c', 'print(1)'])));
    }
    const p = { warm: median(warm), cold: median(cold), exec: median(floor) };

    await ready();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => post({ language: 'python', code: 'print(1)' }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as { stdout?: string } }))));
    const ok = answers.filter((a) => a.status === 200 && a.body.stdout === '1\n').length;
    const busy = answers.filter((a) => a.status === 503 && a.retryAfter !== null).length;
    const lost = CONCURRENT - ok - busy;
    const goals = [
      { name: 'warm run through the API vs docker exec (p50)', value: `${(p.warm / p.exec).toFixed(2)}x`, target: '<= 1.5x', met: p.warm / p.exec <= 1.5 },
      { name: 'warm run through the API (p50, quiet machine)', value: `${p.warm.toFixed(0)} ms`, target: '< 150 ms', met: p.warm < 150 },
      { name: `${CONCURRENT} requests at once, none lost`, value: `${lost} lost`, target: '0', met: lost === 0 },
    ];
    process.stdout.write(
      [
        `patchproof bench: runtimes, python print(1), ${ROUNDS} rounds each (p50, ms)`,
        `  warm through POST /v1/run  ${p.warm.toFixed(0)}`,
        `  docker exec (CLI) floor    ${p.exec.toFixed(0)}`,
        `  cold through POST /v1/run  ${p.cold.toFixed(0)}`,
        `  warm/exec = ${(p.warm / p.exec).toFixed(2)} (goal <= 1.5)   warm/cold = ${(p.warm / p.cold).toFixed(2)}`,
        `  ${CONCURRENT} requests at once (PATCHPROOF_RUN_CONCURRENCY=4): ${ok} ran, ${busy} answered 503 with Retry-After, ${lost} lost`,
        `  load average (1 min) at start ${load.toFixed(2)}, at end ${loadavg()[0]?.toFixed(2) ?? '?'} on ${availableParallelism()} cores: the p50s are noisy, the ratios less so`,
        ...goals.map((g) => `  ${g.met ? 'met   ' : 'MISSED'} ${g.name}: ${g.value} (goal ${g.target})`),
        '',
      ].join('\n'),
    );
    if (lost > 0) process.exitCode = 1;
  } finally {
    await exec('docker', ['rm', '-f', container]).catch(() => undefined);
    await app.close();
    await ctx.close();
  }
}

async function expectWarm(response: Response, warm: boolean): Promise<void> {
  const body = (await response.json()) as { warm?: boolean; stdout?: string };
  if (response.status !== 200 || body.stdout !== '1\n' || body.warm !== warm) throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(body)}`);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  process.stderr.write(`run bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
