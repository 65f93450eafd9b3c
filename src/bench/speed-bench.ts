/**
 * `npm run bench` (speed, issue 17): the floor, one validation, the seeds' flow, the worker's
 * throughput over 20 queued proposals and its memory over 200, as ratios measured side by side in
 * one run (speed/run-speed-bench.ts), with the issue's goals. Timings on a shared machine vary;
 * the ratios much less. `--samples N --proposals N --memory-proposals N` change the counts.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runSpeedBench } from './speed/run-speed-bench.js';
import { speedGoals, speedLines } from './speed/speed-report.js';

const Counts = z.object({
  samples: z.coerce.number().int().min(1).max(100).default(5),
  proposals: z.coerce.number().int().min(1).max(1_000).default(20),
  'memory-proposals': z.coerce.number().int().min(1).max(10_000).default(200),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { samples: { type: 'string' }, proposals: { type: 'string' }, 'memory-proposals': { type: 'string' } } });
  const counts = Counts.parse(values);
  const figures = await runSpeedBench({ samples: counts.samples, throughputProposals: counts.proposals, memoryProposals: counts['memory-proposals'] }, loadavg);
  process.stdout.write(`${speedLines(figures).join('\n')}\n${JSON.stringify({ figures: { ...figures, memory: { ...figures.memory, rss: figures.memory.rss.length } }, goals: speedGoals(figures) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
