/**
 * `npm run bench`: what patchproof costs on top of the work it does, as ratios measured in one
 * run on this machine (timings on a shared 2-core box vary 2-4x; ratios much less).
 *   overhead   = median validation wall time / median of the same pytest run in a bare container
 *   reuse      = median image phase with a cached image / median whole validation
 * Targets: overhead <= 2.0 and reuse <= 0.05 on the example project.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { loadConfig } from '../config.js';
import { hostAptMirror } from '../engine/apt-mirror.js';
import { connectEngine } from '../engine/connect-engine.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { prepareProposal } from '../pipeline/prepare.js';
import { pipelineSettings } from '../pipeline/settings.js';
import { validateProposal } from '../pipeline/validate-proposal.js';
import { LABEL_OWNER } from '../sandbox/labels.js';

const RUNS = 7;
const TARGETS = { overhead: 2.0, reuse: 0.05 };

async function main(): Promise<void> {
  const config = loadConfig();
  const docker = await connectEngine(config);
  const settings = pipelineSettings(config, await hostAptMirror(config));
  const prepared = await prepareProposal(join(PACKAGE_ROOT, 'examples', 'calc'), [], null);
  const once = () => validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings, onProgress: () => undefined });

  const warm = await once(); // builds the image when missing; not measured
  if (warm.outcome !== 'executed' || warm.image === null) throw new Error(`the example project did not pass: ${warm.reason}`);

  const totals: number[] = [];
  const imagePhases: number[] = [];
  const testPhases: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await once();
    totals.push(result.durations.total ?? NaN);
    imagePhases.push(result.durations.image ?? NaN);
    testPhases.push(result.durations.test ?? NaN);
    bare.push(await bareRun(docker, warm.image));
  }
  const m = { total: median(totals), image: median(imagePhases), test: median(testPhases), bare: median(bare) };
  const ratios = { overhead: m.total / m.bare, reuse: m.image / m.total, testShare: m.test / m.total };
  process.stdout.write(
    [
      `patchproof bench: ${RUNS} warm validations of examples/calc (medians, ms)`,
      `  validation total  ${m.total.toFixed(0)}   (image ${m.image.toFixed(0)}, test ${m.test.toFixed(0)})`,
      `  bare docker run   ${m.bare.toFixed(0)}   (same image, same pytest command, no patchproof)`,
      `  overhead ratio    ${ratios.overhead.toFixed(2)}   target <= ${TARGETS.overhead}  ${ratios.overhead <= TARGETS.overhead ? 'ok' : 'MISSED'}`,
      `  image reuse ratio ${ratios.reuse.toFixed(3)}  target <= ${TARGETS.reuse}  ${ratios.reuse <= TARGETS.reuse ? 'ok' : 'MISSED'}`,
      `  test share        ${ratios.testShare.toFixed(2)}   (of the validation's wall time)`,
      JSON.stringify({ runs: RUNS, medians: m, ratios, targets: TARGETS }),
    ].join('\n') + '\n',
  );
}

/** The same tests without patchproof: one container, copy, pytest with the same reports, removed. */
async function bareRun(docker: Docker, image: string): Promise<number> {
  const started = Date.now();
  const script = 'mkdir -p /tmp/w && cp -R -p /opt/patchproof/project/. /tmp/w && cd /tmp/w && python3 -m pytest -p no:cacheprovider -q --junitxml=/tmp/j.xml --cov=. --cov-branch --cov-report=xml:/tmp/c.xml >/dev/null';
  const container = await docker.createContainer({ Image: image, Cmd: ['sh', '-c', script], User: '1000:1000', WorkingDir: '/tmp', Labels: { [LABEL_OWNER]: 'true', 'patchproof.bench': 'true' }, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    await container.wait();
  } finally {
    await container.remove({ force: true });
  }
  return Date.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
