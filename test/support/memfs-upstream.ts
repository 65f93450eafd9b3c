/**
 * memfs 3.4.12 as Debian ships its upstream source (node-memfs), a TypeScript library nobody
 * here wrote: a yarn.lock and no package-lock.json, jest 28 and ts-jest 28 pinned, jest's
 * configuration in package.json, tests under src/__tests__. Fetched and cached by
 * debian-upstream.ts; each caller gets its own copy. Also: its own jest, run in its image through
 * jest's own bin as its `npm test` does (one worker, where its script asks for two: the counts are
 * the same and two ts-jest workers outgrow the sandbox's memory), for the counts it prints.
 */
import { randomUUID } from 'node:crypto';
import { Releasers } from '../../src/sandbox/releasers.js';
import { ownerLabels } from '../../src/sandbox/labels.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { type DebianUpstream, upstreamCopy } from './debian-upstream.js';
import { docker } from './run-validation.js';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';
import { pipelineSettings } from '../../src/pipeline/settings.js';

export const MEMFS: DebianUpstream = {
  pkg: 'node-memfs',
  version: '3.4.12+~cs1.0.3-1',
  // node-memfs_3.4.12+~cs1.0.3.orig.tar.gz, which unpacks to memfs-3.4.12/
  sha256: '1400d9cd3b4e109d8808208aa81acb1b9b091252c3f0b628df580d3fd94bf41c',
};

/** A private copy of memfs, or null when it cannot be fetched here (outside CI). */
export async function memfsCopy(): Promise<string | null> {
  return upstreamCopy(MEMFS, 'memfs');
}

/** Under jest's Tests: line, as jest prints it: "Tests: 1 failed, 233 passed, 234 total". */
export interface JestCounts {
  readonly line: string;
  readonly counts: Record<string, number>;
  /** Its Test Suites: line, as printed. */
  readonly suites: string;
}

/** The project's own jest in `image`, as its test script runs it, and the counts it printed. */
export async function ownJestCounts(image: string): Promise<JestCounts> {
  const releasers = new Releasers(60_000);
  // The configuration's own limits (1 GiB), not the small ones of run-validation's tests: jest
  // with ts-jest workers needs them.
  const base = pipelineSettings(loadConfig({}), await hostAptMirror(loadConfig({})));
  try {
    const id = randomUUID();
    const sandbox = await Sandbox.open(docker, { image, name: `patchproof-${id}`, limits: base.limits, caps: base.caps, labels: ownerLabels({ kind: 'run', id }), engineTimeoutMs: base.engineTimeoutMs }, releasers);
    const script = 'cp -R -p /opt/patchproof/project/. /workspace/ && cd /workspace && exec node /opt/patchproof/deps/node_modules/jest/bin/jest.js --ci --maxWorkers 1';
    const run = await sandbox.runLimited(['sh', '-c', script], { timeoutMs: 900_000, cpuTimeMs: null });
    const all = run.stderr.split('\n').map((l) => l.trim());
    const line = all.filter((l) => l.startsWith('Tests:')).at(-1);
    const suites = all.filter((l) => l.startsWith('Test Suites:')).at(-1) ?? '';
    if (line === undefined) throw new Error(`jest printed no Tests: line (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`);
    const counts: Record<string, number> = {};
    for (const [, n, word] of line.matchAll(/(\d+) (\w+)/g)) counts[word ?? ''] = Number(n);
    return { line, counts, suites };
  } finally {
    await releasers.releaseAll();
  }
}
