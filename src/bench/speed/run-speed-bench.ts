/**
 * The figures of `npm run bench` (speed), measured side by side in one run on the example project,
 * a distinct change per proposal: the floor, one validation (cold, as `patchproof validate` runs
 * it; warm, as the worker runs it), the seeds' flow, the worker's throughput and its memory.
 * Samples of the first four are interleaved, so load on the machine hits them alike.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../app/context.js';
import { defaultConcurrency, hostCapacity } from '../../capacity/default-concurrency.js';
import { loadConfig } from '../../config.js';
import { PACKAGE_ROOT } from '../../package-root.js';
import { prepareProposal } from '../../pipeline/prepare.js';
import { validateProposal } from '../../pipeline/validate-proposal.js';
import { PendingRemovals } from '../../pipeline/removal-after-verdict.js';
import type { ValidationResult } from '../../pipeline/validation-result.js';
import { ValidationPools } from '../../warm/validation-pools.js';
import { distinctChange } from './bench-changes.js';
import { measureFloor } from './floor.js';
import { seedsFlow } from './seeds-flow.js';
import { prepareBenchProject, runWorker, type WorkerFigures } from './worker-run.js';

export interface SpeedOptions {
  /** Samples of the floor, of each kind of validation and of the seeds' flow. */
  readonly samples: number;
  /** Proposals queued for the throughput run (20) and for the memory run (200). */
  readonly throughputProposals: number;
  readonly memoryProposals: number;
}

export interface SpeedFigures {
  readonly load: readonly number[];
  readonly cores: number;
  readonly concurrency: number;
  readonly floorMs: readonly number[];
  /** Until the verdict, the sandbox's removal after it (as `patchproof validate` runs it). */
  readonly coldMs: readonly number[];
  /** The same, until that removal ended too (when the command can exit). */
  readonly coldRemovedMs: readonly number[];
  /** Cold with the removal inside the validation (every other door; before issue 17's last step). */
  readonly coldAwaitedMs: readonly number[];
  readonly warmMs: readonly number[];
  /** A validation's total minus its test phase (the tests' own time, noisy here, left out). */
  readonly overheadMs: { readonly cold: readonly number[]; readonly coldAwaited: readonly number[]; readonly warm: readonly number[] };
  readonly coldImageMs: readonly number[];
  readonly warmSandboxes: number;
  readonly seedsMs: readonly number[];
  readonly throughput: WorkerFigures;
  readonly memory: WorkerFigures;
}

export async function runSpeedBench(options: SpeedOptions, loadAverage: () => number[]): Promise<SpeedFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-bench-'));
  const config = loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(dir, 'bench.sqlite') });
  const ctx = createContext(config);
  const root = join(PACKAGE_ROOT, 'examples', 'calc');
  const capacity = hostCapacity();
  const concurrency = config.PATCHPROOF_WORKER_CONCURRENCY ?? defaultConcurrency(capacity, config.PATCHPROOF_MEMORY_MB * 1024 * 1024);
  const warmSandboxes = config.PATCHPROOF_WARM_SANDBOXES ?? concurrency;
  const docker = await ctx.engine();
  const settings = await ctx.settings();
  const pools = new ValidationPools(docker, { size: 1 });
  try {
    const once = async (n: number, warm: boolean, removals?: PendingRemovals) => {
      const prepared = await prepareProposal(root, distinctChange(n), null);
      return validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings, onProgress: () => undefined, ...(warm ? { warm: pools } : {}), removeAfter: removals?.add });
    };
    // Builds the image when missing and starts the warm pool: not measured.
    const first = await once(0, true);
    if (first.outcome !== 'executed' || first.image === null) throw new Error(`the example project did not pass: ${first.reason}`);
    const prepared = await prepareProposal(root, [], null);
    const testCommand = prepared.selection.toolchain.testCommand({ snapshot: prepared.snapshot, changedPaths: [] });

    const load = loadAverage();
    const floorMs: number[] = [];
    const coldMs: number[] = [];
    const coldRemovedMs: number[] = [];
    const coldAwaitedMs: number[] = [];
    const coldImageMs: number[] = [];
    const warmMs: number[] = [];
    const seedsMs: number[] = [];
    const overheadMs = { cold: [] as number[], coldAwaited: [] as number[], warm: [] as number[] };
    // As `patchproof validate` runs it: the verdict, then the wait for the removal begun with it.
    const coldAfterVerdict = async (n: number) => {
      const removals = new PendingRemovals();
      const result = await once(n, false, removals);
      const returned = performance.now();
      if ((await removals.settle()).length > 0) throw new Error('a cold sandbox could not be removed');
      return { result, removedMs: (result.durations.total ?? NaN) + (performance.now() - returned) };
    };
    for (let i = 1; i <= options.samples; i++) {
      floorMs.push(...(await measureFloor(docker, first.image, settings, testCommand, 1, i)));
      // The two cold ways alternate which goes first, so neither always follows the floor's exec.
      const coldWays = [() => coldAfterVerdict(100 + i), () => once(150 + i, false)] as const;
      const [a, b] = i % 2 === 1 ? coldWays : [coldWays[1], coldWays[0]];
      const firstCold = await a();
      const secondCold = await b();
      const [cold, awaited] = i % 2 === 1 ? [firstCold, secondCold] : [secondCold, firstCold];
      if (!('removedMs' in cold) || 'removedMs' in awaited) throw new Error('the cold ways were mixed up');
      coldMs.push(cold.result.durations.total ?? NaN);
      coldImageMs.push(cold.result.durations.image ?? NaN);
      coldRemovedMs.push(cold.removedMs);
      coldAwaitedMs.push(awaited.durations.total ?? NaN);
      overheadMs.cold.push(overhead(cold.result));
      overheadMs.coldAwaited.push(overhead(awaited));
      // The pool refilled meanwhile; a warm run that found none would measure a cold one.
      await waitForWarm(pools);
      const warm = await once(200 + i, true);
      if (warm.sandbox !== 'warm') throw new Error('the warm validation found no warm sandbox');
      warmMs.push(warm.durations.total ?? NaN);
      overheadMs.warm.push(overhead(warm));
      seedsMs.push(await seedsFlow(first.image, testCommand, 300 + i));
      for (const r of [cold.result, awaited, warm]) if (r.outcome !== 'executed') throw new Error(`a bench validation was not executed: ${r.reason}`);
    }
    await pools.stop();
    const project = await prepareBenchProject(ctx, root, { concurrency });
    const throughput = await runWorker(ctx, project, { proposals: options.throughputProposals, concurrency, warmSandboxes, first: 1_000 });
    const memory = await runWorker(ctx, project, { proposals: options.memoryProposals, concurrency, warmSandboxes, first: 10_000 });
    return { load: [...load, ...loadAverage()], cores: capacity.cores, concurrency, floorMs, coldMs, coldRemovedMs, coldAwaitedMs, overheadMs, warmMs, coldImageMs, warmSandboxes, seedsMs, throughput, memory };
  } finally {
    await pools.stop();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function overhead(result: ValidationResult): number {
  return (result.durations.total ?? NaN) - (result.durations.test ?? NaN);
}

async function waitForWarm(pools: ValidationPools): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (pools.status()?.state === 'ready') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no warm sandbox became ready: ${JSON.stringify(pools.status())}`);
}
