/**
 * The speed bench's code path, tiny (one sample, two proposals): it produces every figure and
 * judges every goal. No timing is asserted: the goals live in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { runSpeedBench } from '../../../src/bench/speed/run-speed-bench.js';
import { speedGoals, speedLines } from '../../../src/bench/speed/speed-report.js';
import { leftovers } from '../../support/sandbox-leftovers.js';
import { docker } from '../../support/run-validation.js';

describe('npm run bench (speed), smoke', () => {
  it('measures the floor, validate cold and warm, the seeds flow, the worker and its memory', async () => {
    const f = await runSpeedBench({ samples: 1, throughputProposals: 2, memoryProposals: 2 }, () => [0]);
    for (const series of [f.floorMs, f.coldMs, f.warmMs, f.seedsMs, f.coldImageMs]) {
      expect(series).toHaveLength(1);
      expect(series.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    for (const run of [f.throughput, f.memory]) {
      expect(run.proposals).toBe(2);
      expect(run.executed).toBe(2);
      expect(run.validationMs).toHaveLength(2);
      expect(run.perMinute).toBeGreaterThan(0);
    }
    expect(f.concurrency).toBeGreaterThanOrEqual(1);
    const goals = speedGoals(f);
    expect(goals.map((g) => g.target)).toEqual(['>= 120/min', '>= 3x', '<= 0.40 s', '< 1%', '<= 10%']);
    const lines = speedLines(f).join('\n');
    for (const word of ['floor', 'cold sandbox', 'warm sandbox', "seeds' flow", 'worker:', 'memory:', 'goals']) expect(lines).toContain(word);
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });
});
