/**
 * Where the CPU of a validation goes (issue 17): the worker runs N queued proposals of the example
 * project (a distinct change each) behind a counting engine proxy, while the CPU time of dockerd,
 * containerd, the shims (with runc), this node process and the containers themselves (their cgroup
 * counter, as recorded per validation) is summed. Prints CPU seconds per validation by part and the
 * engine calls per validation. `--proposals N --concurrency N`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createContext } from '../app/context.js';
import { defaultConcurrency, hostCapacity } from '../capacity/default-concurrency.js';
import { loadConfig } from '../config.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { ValidationEntity } from '../storage/entities/validation-entity.js';
import { CountingEngineProxy } from './speed/engine-calls.js';
import { CHILDREN, machineBusySeconds, ProcessCpu } from './speed/process-cpu.js';
import { prepareBenchProject, runWorker } from './speed/worker-run.js';

const Args = z.object({ proposals: z.coerce.number().int().min(1).max(1_000).default(20), concurrency: z.coerce.number().int().min(1).max(64).optional() });

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { proposals: { type: 'string' }, concurrency: { type: 'string' } } });
  const args = Args.parse(values);
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-cpu-'));
  const proxy = await CountingEngineProxy.start();
  const config = loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(dir, 'bench.sqlite'), DOCKER_HOST: proxy.dockerHost });
  const ctx = createContext(config);
  try {
    const concurrency = args.concurrency ?? config.PATCHPROOF_WORKER_CONCURRENCY ?? defaultConcurrency(hostCapacity(), config.PATCHPROOF_MEMORY_MB * 1024 * 1024);
    const warmSandboxes = config.PATCHPROOF_WARM_SANDBOXES ?? concurrency;
    const project = await prepareBenchProject(ctx, join(PACKAGE_ROOT, 'examples', 'calc'), { concurrency });
    const before = new Set((await (await ctx.storage()).db.getRepository(ValidationEntity).find()).map((v) => v.id));
    proxy.counts.clear();
    const cpu = new ProcessCpu();
    cpu.start();
    const load = loadavg()[0] ?? 0;
    const machine0 = await machineBusySeconds();
    const node0 = process.cpuUsage();
    const figures = await runWorker(ctx, project, { proposals: args.proposals, concurrency, warmSandboxes, first: 50_000 });
    const node = process.cpuUsage(node0);
    const machine = (await machineBusySeconds()) - machine0;
    const engine = cpu.stop((id) => proxy.containers.has(id));
    const rows = (await (await ctx.storage()).db.getRepository(ValidationEntity).find()).filter((v) => !before.has(v.id));
    const n = rows.length;
    const containers = rows.reduce((sum, v) => sum + (v.cpuNanos ?? 0), 0) / 1e9;
    const per = (s: number) => `${((s / n) * 1000).toFixed(0)} ms`;
    const children = engine[CHILDREN] ?? 0;
    const others = Object.entries(engine).filter(([kind]) => kind !== CHILDREN);
    const parts: [string, number][] = [
      ['containers (cgroup: tests, build, our execs)', containers],
      ['runc (shim children minus the containers)', Math.max(0, children - containers)],
      ['node (this worker, sampler excluded)', (node.user + node.system - cpu.selfMicros) / 1e6],
      ...others,
    ];
    const known = parts.reduce((a, [, s]) => a + s, 0);
    const lines = [
      '(dockerd and containerd serve the whole machine: their figures include other work; the shims are this run\'s only)',
      `cpu split: ${n} validations of examples/calc, concurrency ${concurrency}, ${warmSandboxes} warm, load ${load.toFixed(1)} -> ${(loadavg()[0] ?? 0).toFixed(1)}; ${(figures.wallMs / 1000).toFixed(1)} s wall, ${figures.perMinute.toFixed(0)}/min`,
      ...parts.map(([name, s]) => `  ${name.padEnd(46)} ${per(s).padStart(8)} per validation (${((s / known) * 100).toFixed(0)}%)`),
      `  ${'sum'.padEnd(46)} ${per(known).padStart(8)}; whole machine (others' work too) ${per(machine)}`,
      `  phases (ms, mean): ${phaseMeans(rows.map((v) => v.durations))}`,
      `engine calls per validation (${[...proxy.counts.values()].reduce((a, b) => a + b, 0) / n} in all):`,
      ...[...proxy.counts.entries()].sort((a, b) => b[1] - a[1]).map(([call, count]) => `  ${(count / n).toFixed(2).padStart(6)}  ${call}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await ctx.close();
    await proxy.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function phaseMeans(all: readonly Record<string, number>[]): string {
  const sums = new Map<string, number>();
  for (const d of all) for (const [k, v] of Object.entries(d)) sums.set(k, (sums.get(k) ?? 0) + v);
  return [...sums.entries()].map(([k, v]) => `${k} ${(v / all.length).toFixed(0)}`).join(', ');
}

main().catch((error: unknown) => {
  process.stderr.write(`cpu split failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
