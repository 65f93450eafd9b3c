/**
 * The worker's throughput: N proposals of the example project, each with a distinct change,
 * queued in a database of the bench's own, then one Think worker (in this process, as
 * `patchproof worker` runs it) until the queue is empty. The project's baseline is made first,
 * outside the timing. While it runs the process's RSS is sampled (the worker's memory).
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { machineBusySeconds } from './process-cpu.js';
import { submit } from '../../app/use-cases/submit.js';
import type { AppContext } from '../../app/context.js';
import { ValidationEntity } from '../../storage/entities/validation-entity.js';
import { ThinkWorker } from '../../../workers/think-worker.js';
import { storeLabel } from '../../storage/data-source.js';
import { distinctChange } from './bench-changes.js';

export interface WorkerFigures {
  readonly proposals: number;
  readonly concurrency: number;
  readonly warmSandboxes: number;
  readonly wallMs: number;
  readonly perProposalMs: number;
  readonly perMinute: number;
  /** Each validation's own wall time (durations.total). */
  readonly validationMs: readonly number[];
  readonly executed: number;
  readonly warmTaken: number;
  /** RSS samples (bytes) one a second while the worker ran. */
  readonly rss: readonly number[];
  /** JS heap in use right after a full GC (bytes), every 10 s: growth here is a leak, RSS growth alone is the allocator's. */
  readonly heapAfterGc: readonly number[];
  /** CPU per validation (ms): the whole machine's busy time (others' work too), this process's, the containers' (cgroup). */
  readonly cpuMs: { readonly machine: number; readonly node: number; readonly containers: number };
}

/** A full GC on demand, without --expose-gc on the command line (the bench's own process only). */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
}

export async function runWorker(ctx: AppContext, project: string, options: { proposals: number; concurrency: number; warmSandboxes: number; first: number }): Promise<WorkerFigures> {
  const storage = await ctx.storage();
  const ids = new Set<string>();
  for (let i = 0; i < options.proposals; i++) {
    const submitted = await submit(ctx, { project, changes: distinctChange(options.first + i), title: `bench ${options.first + i}` });
    ids.add(submitted.proposalId);
  }
  const worker = new ThinkWorker(await ctx.engine(), storage, {
    concurrency: options.concurrency,
    warmSandboxes: options.warmSandboxes,
    pollMs: 50,
    leaseMs: 60_000,
    retry: { maxAttempts: 1, backoffMs: 0 },
    store: storeLabel(ctx.config),
    settings: await ctx.settings(),
    untilIdle: true,
    log: () => undefined,
  });
  const rss: number[] = [];
  const heapAfterGc: number[] = [];
  const gc = fullGc();
  let ticks = 0;
  const sampler = setInterval(() => {
    rss.push(process.memoryUsage().rss);
    if (++ticks % 10 !== 0) return;
    gc();
    heapAfterGc.push(process.memoryUsage().heapUsed);
  }, 1_000);
  const machine0 = await machineBusySeconds();
  const node0 = process.cpuUsage();
  const started = performance.now();
  try {
    await worker.run();
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const node = process.cpuUsage(node0);
  const machine = (await machineBusySeconds()) - machine0;
  const rows = (await storage.db.getRepository(ValidationEntity).find()).filter((v) => ids.has(v.proposalId));
  return {
    proposals: options.proposals,
    concurrency: options.concurrency,
    warmSandboxes: options.warmSandboxes,
    wallMs,
    perProposalMs: wallMs / options.proposals,
    perMinute: (options.proposals / wallMs) * 60_000,
    validationMs: rows.map((v) => v.durations.total ?? NaN),
    executed: rows.filter((v) => v.outcome === 'executed').length,
    warmTaken: rows.filter((v) => v.sandbox === 'warm').length,
    rss,
    heapAfterGc,
    cpuMs: {
      machine: (machine * 1000) / options.proposals,
      node: (node.user + node.system) / 1000 / options.proposals,
      containers: rows.reduce((sum, v) => sum + (v.cpuNanos ?? 0), 0) / 1e6 / options.proposals,
    },
  };
}

/** The project registered in the bench's database, and its baseline made (a first proposal run to the end). */
export async function prepareBenchProject(ctx: AppContext, root: string, options: { concurrency: number }): Promise<string> {
  const storage = await ctx.storage();
  const project = await storage.projects.add(`bench-${randomUUID().slice(0, 8)}`, root);
  await runWorker(ctx, project.id, { proposals: 1, concurrency: options.concurrency, warmSandboxes: 0, first: 1_000_000 });
  return project.id;
}
