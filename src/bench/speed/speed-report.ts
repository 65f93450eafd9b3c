/** The speed bench's figures as lines, with the goals of issue 17 and whether each is met. */
import { median, percentile } from './percentiles.js';
import type { SpeedFigures } from './run-speed-bench.js';

export interface Goal {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
  /** Why, from this run's own figures, when missed. */
  readonly why?: string;
}

/** RSS growth: the median of the last quarter of samples against the second quarter's (after start-up). */
export function rssGrowth(samples: readonly number[]): number | null {
  if (samples.length < 4) return null;
  const q = Math.floor(samples.length / 4);
  const early = median(samples.slice(q, 2 * q));
  const late = median(samples.slice(samples.length - q));
  return (late - early) / early;
}

function quarterMedian(samples: readonly number[], quarter: number): number {
  const q = Math.max(1, Math.floor(samples.length / 4));
  return median(samples.slice(quarter * q, quarter === 3 ? samples.length : (quarter + 1) * q));
}

export function speedGoals(f: SpeedFigures): Goal[] {
  const floor = median(f.floorMs);
  const cold = median(f.coldMs);
  const growth = rssGrowth(f.memory.rss);
  const seedsRatio = median(f.seedsMs) / f.throughput.perProposalMs;
  const imageShare = median(f.coldImageMs) / cold;
  const cpu = f.throughput.cpuMs;
  const heap = rssGrowth(f.memory.heapAfterGc);
  // What two cores can do at most, given the CPU a validation costs here (the tests' own included).
  const cpuBound = `${(cpu.machine / 1000).toFixed(2)} s of machine CPU per validation (containers ${(cpu.containers / 1000).toFixed(2)} s, this worker ${(cpu.node / 1000).toFixed(2)} s, the engine and others' work the rest): ${f.cores} cores give at most ${((f.cores * 60_000) / cpu.machine).toFixed(0)}/min at this load`;
  return [
    { name: `worker throughput at the default concurrency (${f.concurrency})`, value: `${f.throughput.perMinute.toFixed(0)}/min`, target: '>= 120/min', met: f.throughput.perMinute >= 120, why: cpuBound },
    { name: "worker per proposal vs the seeds' flow", value: `${seedsRatio.toFixed(2)}x faster`, target: '>= 3x', met: seedsRatio >= 3, why: `the seeds' flow runs one container per proposal too, so the worker's gain is bounded by the same CPU: ${cpuBound}` },
    { name: 'one validate (cold) minus the floor', value: `${((cold - floor) / 1000).toFixed(2)} s`, target: '<= 0.40 s', met: cold - floor <= 400, why: `a cold validate creates and starts its container and volume inside its own time (its removal follows the verdict; awaited before it, ${((median(f.coldAwaitedMs) - floor) / 1000).toFixed(2)} s); the warm one is ${((median(f.warmMs) - floor) / 1000).toFixed(2)} s over the floor` },
    { name: 'image phase share of a validation (image exists)', value: `${(imageShare * 100).toFixed(2)}%`, target: '< 1%', met: imageShare < 0.01 },
    {
      name: `worker RSS growth across ${f.memory.proposals} proposals`,
      value: growth === null ? 'too few samples' : `${(growth * 100).toFixed(1)}%`,
      target: '<= 10%',
      met: growth !== null && growth <= 0.1,
      why: heap === null ? 'too few heap samples to tell a leak' : `the JS heap after a full GC moved ${(heap * 100).toFixed(1)}% over the same span: ${Math.abs(heap) <= 0.1 ? 'no leak; the RSS growth is the allocator keeping pages' : 'a leak'}`,
    },
  ];
}

export function speedLines(f: SpeedFigures): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const floor = median(f.floorMs);
  const row = (name: string, values: readonly number[]) => `  ${name.padEnd(30)} p50 ${s(median(values))}  p95 ${s(percentile(values, 95))}  ${(median(values) / floor).toFixed(2)}x floor`;
  const t = f.throughput;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const cpu = t.cpuMs;
  return [
    `patchproof speed bench: examples/calc, a distinct change per proposal; ${f.cores} cores, load ${f.load.map((l) => l.toFixed(1)).join(' / ')} (start, end); ${f.floorMs.length} interleaved samples each`,
    row('floor (exec in running box)', f.floorMs),
    row('validate, cold sandbox', f.coldMs),
    row('  cold, until its removal ended', f.coldRemovedMs),
    row('  cold, removal before verdict', f.coldAwaitedMs),
    row('validate, warm sandbox', f.warmMs),
    `  besides the tests (total - test phase) p50: cold ${s(median(f.overheadMs.cold))}, cold with the removal before the verdict ${s(median(f.overheadMs.coldAwaited))}, warm ${s(median(f.overheadMs.warm))}`,
    row("seeds' flow (build+run+rmi)", f.seedsMs),
    `  worker: ${t.proposals} queued, concurrency ${t.concurrency}, ${t.warmSandboxes} warm: ${s(t.wallMs)} wall, ${s(t.perProposalMs)}/proposal, ${t.perMinute.toFixed(0)}/min; each validation p50 ${s(median(t.validationMs))} p95 ${s(percentile(t.validationMs, 95))}; ${t.executed} executed, ${t.warmTaken} warm`,
    `  worker per proposal: ${(t.perProposalMs / floor).toFixed(2)}x floor; seeds' flow / worker per proposal: ${(median(f.seedsMs) / t.perProposalMs).toFixed(2)}`,
    `  memory: ${f.memory.proposals} proposals in ${s(f.memory.wallMs)} (${f.memory.perMinute.toFixed(0)}/min), RSS first ${mb(f.memory.rss[0] ?? 0)}, max ${mb(Math.max(...f.memory.rss, 0))}, last ${mb(f.memory.rss.at(-1) ?? 0)}; median of the 2nd quarter ${mb(quarterMedian(f.memory.rss, 1))}, of the last ${mb(quarterMedian(f.memory.rss, 3))}`,
    `  CPU per validation (throughput run): machine ${s(cpu.machine)} (others' work included), containers ${s(cpu.containers)}, this worker ${s(cpu.node)}`,
    `  heap after a full GC (memory run): first ${mb(f.memory.heapAfterGc[0] ?? 0)}, last ${mb(f.memory.heapAfterGc.at(-1) ?? 0)}`,
    'goals (issue 17):',
    ...speedGoals(f).map((g) => `  ${g.met ? 'met   ' : 'MISSED'} ${g.name}: ${g.value} (goal ${g.target})${g.met || g.why === undefined ? '' : `: ${g.why}`}`),
  ];
}
