/**
 * `npm run bench` (second measure): what rerunning failing tests costs (pipeline/flaky-reruns.ts),
 * as ratios measured in one run. The example project gets one test that always fails, so every
 * validation runs the full suite once and that one test again PATCHPROOF_FLAKY_RERUNS times
 * (default 2); the same change is also validated with reruns off.
 *   rerun/test  = median time of one rerun (the rerun phase / reruns) / median test phase
 *   with/without = median validation with reruns / median validation with reruns off
 * No targets: a rerun's cost is the runner's start-up, which the suite's size does not change.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { hostAptMirror } from '../engine/apt-mirror.js';
import { connectEngine } from '../engine/connect-engine.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { prepareProposal } from '../pipeline/prepare.js';
import { pipelineSettings } from '../pipeline/settings.js';
import { validateProposal } from '../pipeline/validate-proposal.js';

const RUNS = 5;
const FAILING = { kind: 'write', path: 'tests/test_always_fails.py', content: Buffer.from('def test_always_fails():\n    assert False\n') } as const;

async function main(): Promise<void> {
  const config = loadConfig();
  const docker = await connectEngine(config);
  const settings = pipelineSettings(config, await hostAptMirror(config));
  const reruns = Math.max(1, settings.flakyReruns);
  const prepared = await prepareProposal(join(PACKAGE_ROOT, 'examples', 'calc'), [FAILING], null);
  const once = (flakyReruns: number) =>
    validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: { ...settings, flakyReruns }, onProgress: () => undefined });

  const warm = await once(reruns); // builds the image when missing; not measured
  if (warm.code !== 'tests_failed' || warm.reruns?.runs !== reruns) throw new Error(`the failing test was not rerun ${reruns} times: ${warm.reason}`);

  const tests: number[] = [];
  const perRerun: number[] = [];
  const withReruns: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await once(reruns);
    tests.push(result.durations.test ?? NaN);
    perRerun.push((result.durations.rerun ?? NaN) / (result.reruns?.runs ?? NaN));
    withReruns.push(result.durations.total ?? NaN);
    without.push((await once(0)).durations.total ?? NaN);
  }
  const m = { test: median(tests), rerun: median(perRerun), withReruns: median(withReruns), without: median(without) };
  const ratios = { rerunOverTest: m.rerun / m.test, withOverWithout: m.withReruns / m.without };
  process.stdout.write(
    [
      `patchproof bench: reruns of 1 failing test of 4 in examples/calc, ${reruns} reruns, ${RUNS} validations each way (medians, ms)`,
      `  full test run        ${m.test.toFixed(0)}`,
      `  one rerun            ${m.rerun.toFixed(0)}   rerun/test ${ratios.rerunOverTest.toFixed(2)}`,
      `  validation, reruns   ${m.withReruns.toFixed(0)}   without ${m.without.toFixed(0)}   ratio ${ratios.withOverWithout.toFixed(2)}`,
      JSON.stringify({ runs: RUNS, reruns, medians: m, ratios }),
    ].join('\n') + '\n',
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
