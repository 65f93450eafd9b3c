/**
 * The janitor on the real engine, one owner kind at a time: a process-owned sandbox (a run's, a
 * warm pool's, doctor's) is kept while its process runs and removed once it is gone; a
 * validation's is judged by its lease, whatever process made it.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docker } from '../support/run-validation.js';
import { WorkerBench } from '../support/worker-harness.js';
import { sweepLeftovers } from '../../workers/janitor.js';
import { LABEL_WORKER, ownerLabels, type SandboxOwner } from '../../src/sandbox/labels.js';
import { loadConfig } from '../../src/config.js';

let bench: WorkerBench;
const made: string[] = [];

beforeEach(async () => {
  bench = await WorkerBench.open();
});

afterEach(async () => {
  for (const id of made.splice(0)) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  await bench.close();
});

/** A pid that ran on this host and has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

async function labelled(owner: SandboxOwner, worker?: string): Promise<string> {
  const labels = { ...ownerLabels(owner), ...(worker === undefined ? {} : { [LABEL_WORKER]: worker }) };
  const container = await docker.createContainer({ Image: loadConfig().PATCHPROOF_BASE_IMAGE, Cmd: ['true'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
  made.push(container.id);
  return container.id;
}

async function exists(id: string): Promise<boolean> {
  return docker.getContainer(id).inspect().then(() => true, () => false);
}

describe('the janitor decides per owner kind', () => {
  it('removes a process-owned sandbox whose process ended and keeps one whose process runs', async () => {
    const dead = `${hostname()}:${deadPid()}`;
    const orphans = await Promise.all((['run', 'warm', 'doctor', 'job'] as const).map((kind) => labelled({ kind, id: `${kind}-orphan`, store: bench.store }, dead)));
    const living = await labelled({ kind: 'warm', id: 'warm-living', store: bench.store });
    const elsewhere = await labelled({ kind: 'run', id: 'run-elsewhere' }, `another-host-${hostname()}:1`);

    const swept = await sweepLeftovers(docker, bench.storage.queue, bench.store);
    expect(swept.containers).toHaveLength(orphans.length);
    for (const id of orphans) expect(await exists(id)).toBe(false);
    expect(await exists(living)).toBe(true);
    expect(await exists(elsewhere)).toBe(true);
  });

  it('removes a validation without a lease in its store even though the process that made it runs', async () => {
    const leaseless = await labelled({ kind: 'validation', id: 'no-such-lease', proposalId: 'p', store: bench.store });
    const otherStore = await labelled({ kind: 'baseline', id: 'no-such-lease', proposalId: 'p', store: `${bench.store}-other` });
    await sweepLeftovers(docker, bench.storage.queue, bench.store);
    expect(await exists(leaseless)).toBe(false);
    expect(await exists(otherStore)).toBe(true);
  });
});
