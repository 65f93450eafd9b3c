/**
 * Warm sandboxes (issue 17): a validation that takes one opens no container of its own (the
 * engine created and started the one it ran in before its container phase began), ends exactly
 * as a cold one does, finds nothing an earlier validation left, runs under the same hardening;
 * the pool refills, and stopping it removes what it kept.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LABEL_OWNER_KIND, LABEL_WORKER, workerIdentity } from '../../../src/sandbox/labels.js';
import { prepareProposal } from '../../../src/pipeline/prepare.js';
import { validateProposal } from '../../../src/pipeline/validate-proposal.js';
import type { ValidationResult } from '../../../src/pipeline/validation-result.js';
import type { Change } from '../../../src/changes/change.js';
import type { ProgressEventBody } from '../../../src/progress/progress-event.js';
import { ValidationPools } from '../../../src/warm/validation-pools.js';
import { docker, settings, write } from '../../support/run-validation.js';
import { leftovers } from '../../support/sandbox-leftovers.js';
import { EXAMPLE_PROJECT } from '../../support/scratch-project.js';
import { waitFor } from '../../support/worker-harness.js';

const pools = new ValidationPools(docker, { size: 1 });

afterAll(async () => {
  await pools.stop();
});

interface Observed {
  readonly result: ValidationResult;
  /** When the container phase started and ended (ms since the epoch). */
  readonly container: { start: number; end: number };
}

async function run(changes: Change[], warm: boolean): Promise<Observed> {
  const prepared = await prepareProposal(EXAMPLE_PROJECT, changes, null);
  const phase: { start?: number; end?: number } = {};
  const events = {
    emit(event: ProgressEventBody) {
      if (event.type === 'phase_started' && event.phase === 'container') phase.start = Date.now();
      if (event.type === 'phase_ended' && event.phase === 'container') phase.end = Date.now();
    },
  };
  const result = await validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: await settings(), onProgress: () => undefined, events, ...(warm ? { warm: pools } : {}) });
  if (phase.start === undefined || phase.end === undefined) throw new Error('no container phase seen');
  return { result, container: { start: phase.start, end: phase.end } };
}

/**
 * The engine's create and start events of our sandboxes, watched live (the engine keeps only its
 * last 256 events, which a shared machine rolls over within a minute), in ms since the epoch.
 */
async function watchLifeEvents(): Promise<{ of: (containerId: string) => { action: string; at: number }[]; close: () => void }> {
  const stream = await docker.getEvents({ filters: { type: ['container'], event: ['create', 'start'], label: ['patchproof=true'] } });
  const seen: { id: string; action: string; at: number }[] = [];
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      if (line === '') continue;
      const e = JSON.parse(line) as { id: string; Action: string; timeNano: number };
      seen.push({ id: e.id, action: e.Action, at: e.timeNano / 1e6 });
    }
  });
  return {
    of: (containerId) => seen.filter((e) => e.id === containerId).map(({ action, at }) => ({ action, at })),
    close: () => (stream as unknown as { destroy: () => void }).destroy(),
  };
}

const LEAVE = write('tests/test_leave.py', 'import os\n\ndef test_leave():\n    open("/tmp/left-by-earlier", "w").write("x")\n    open("left-by-earlier.txt", "w").write("x")\n');
const SEE = write('tests/test_see.py', 'import os\n\ndef test_nothing_left():\n    assert not os.path.exists("/tmp/left-by-earlier")\n    assert not os.path.exists("left-by-earlier.txt")\n');

describe('warm sandboxes', () => {
  it('a validation that takes one opens no container, and ends as a cold one does', async () => {
    const events = await watchLifeEvents();
    // The first one of an image opens cold and starts the pool.
    const first = await run([LEAVE], true);
    expect(first.result.outcome).toBe('executed');
    expect(first.result.sandbox).toBe('cold');
    await waitFor('a warm sandbox', async () => pools.status()?.state === 'ready', 120_000);

    const warm = await run([SEE], true);
    expect(warm.result.sandbox).toBe('warm');
    expect(warm.result.containerId).not.toBeNull();
    const life = events.of(warm.result.containerId ?? '');
    expect(life.map((e) => e.action).sort()).toEqual(['create', 'start']);
    // Created and started before the validation's container phase began: none during it.
    for (const e of life) expect(e.at).toBeLessThan(warm.container.start);

    const cold = await run([SEE], false);
    expect(cold.result.sandbox).toBe('cold');
    const verdict = (r: ValidationResult) => ({ outcome: r.outcome, code: r.code, tests: r.report?.cases.map((t) => `${t.suite}::${t.name}:${t.status}`).sort(), lines: r.coverage?.linesPct });
    expect(verdict(warm.result)).toEqual(verdict(cold.result));
    // What the earlier validation wrote (workspace, /tmp) is not seen by the later one.
    expect(warm.result.outcome).toBe('executed');
    expect(warm.result.report?.cases.filter((t) => t.status === 'passed').length).toBeGreaterThanOrEqual(3);
    // The cold one's own container was created during its container phase.
    const coldLife = events.of(cold.result.containerId ?? '');
    events.close();
    expect(coldLife.map((e) => e.action).sort()).toEqual(['create', 'start']);
    for (const e of coldLife) expect(e.at).toBeGreaterThanOrEqual(cold.container.start - 1_000);
  });

  it('the pool refills after a take, its sandboxes are hardened like a cold one, and stop removes them', async () => {
    const ready = await waitFor('the pool to refill', async () => {
      const s = pools.status();
      return s?.state === 'ready' && s.ready === 1 ? s : null;
    }, 120_000);
    expect(ready.target).toBe(1);
    const mine = { label: [`${LABEL_OWNER_KIND}=warm`, `${LABEL_WORKER}=${workerIdentity()}`] };
    const kept = await docker.listContainers({ all: true, filters: mine });
    expect(kept).toHaveLength(1);
    const warm = await docker.getContainer(kept[0]?.Id ?? '').inspect();
    // A cold sandbox of the same image, opened by a validation, compared field by field.
    const cold = await run([], false);
    expect(cold.result.outcome).toBe('executed');
    const spec = await import('../../../src/sandbox/hardened-spec.js');
    const expected = spec.hardenedContainerSpec(warm.Config.Image, 'volume', (await settings()).limits, {});
    const host = warm.HostConfig;
    expect({ user: warm.Config.User, readOnly: host.ReadonlyRootfs, caps: host.CapDrop, security: host.SecurityOpt, network: host.NetworkMode, pids: host.PidsLimit, memory: host.Memory, swap: host.MemorySwap, cpus: host.NanoCpus, init: host.Init, tmpfs: host.Tmpfs, privileged: host.Privileged }).toEqual({
      user: expected.User,
      readOnly: true,
      caps: ['ALL'],
      security: ['no-new-privileges'],
      network: 'none',
      pids: expected.HostConfig?.PidsLimit,
      memory: expected.HostConfig?.Memory,
      swap: expected.HostConfig?.MemorySwap,
      cpus: expected.HostConfig?.NanoCpus,
      init: true,
      tmpfs: expected.HostConfig?.Tmpfs,
      privileged: false,
    });

    await pools.stop();
    expect(await docker.listContainers({ all: true, filters: mine })).toEqual([]);
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });
});
