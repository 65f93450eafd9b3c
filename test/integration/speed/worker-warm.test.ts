/**
 * The worker's warm sandboxes as an operator runs it (the built CLI): after its first validation
 * of a project it keeps warm sandboxes, its next validation takes one (recorded as such);
 * stopping the worker removes them, and those of a worker killed with -9 are the janitor's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_OWNER_KIND, LABEL_STORE, LABEL_WORKER } from '../../../src/sandbox/labels.js';
import { ValidationEntity } from '../../../src/storage/entities/validation-entity.js';
import { sweepLeftovers } from '../../../workers/janitor.js';
import { docker } from '../../support/run-validation.js';
import { note, WorkerBench, waitFor } from '../../support/worker-harness.js';

let bench: WorkerBench;

beforeAll(async () => {
  bench = await WorkerBench.open({ PATCHPROOF_WARM_SANDBOXES: '1', PATCHPROOF_WORKER_CONCURRENCY: '1' });
});

afterAll(async () => {
  await sweepLeftovers(docker, bench.storage.queue, bench.store);
  expect(await bench.containers(docker)).toEqual([]);
  await bench.close();
});

const warmOf = async (pid: number) =>
  docker.listContainers({ all: true, filters: { label: [`${LABEL_OWNER_KIND}=warm`, `${LABEL_STORE}=${bench.store}`] } }).then((cs) => cs.filter((c) => c.Labels[LABEL_WORKER]?.endsWith(`:${pid}`)));

async function judged(id: string): Promise<void> {
  await waitFor(`proposal ${id} judged`, async () => ['executed', 'rejected', 'error'].includes((await bench.proposal(id)).status), 150_000);
}

describe('the worker keeps warm sandboxes', () => {
  it('takes one for its second validation; stopping removes what it kept', async () => {
    const worker = bench.startWorker();
    const pid = worker.child.pid ?? 0;
    // strict: no baseline, so the two validations are these two proposals.
    const first = await bench.propose([note(1)], { strict: true });
    await judged(first.id);
    await waitFor('a warm sandbox', async () => (await warmOf(pid)).length === 1, 120_000);
    const second = await bench.propose([note(2)], { strict: true });
    await judged(second.id);
    const rows = await bench.storage.db.getRepository(ValidationEntity).find();
    const byProposal = new Map(rows.map((r) => [r.proposalId, r]));
    expect(byProposal.get(first.id)?.sandbox).toBe('cold');
    expect(byProposal.get(second.id)?.sandbox).toBe('warm');
    expect(byProposal.get(second.id)?.outcome).toBe('executed');
    // Refilled after the take.
    await waitFor('the pool to refill', async () => (await warmOf(pid)).length === 1, 120_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await warmOf(pid)).toEqual([]);
    expect(await bench.containers(docker)).toEqual([]);
  });

  it('a worker killed with -9 leaves its warm sandboxes, and the janitor removes them', async () => {
    const worker = bench.startWorker();
    const pid = worker.child.pid ?? 0;
    const proposal = await bench.propose([note(3)], { strict: true });
    await judged(proposal.id);
    await waitFor('a warm sandbox', async () => (await warmOf(pid)).length === 1, 120_000);
    worker.child.kill('SIGKILL');
    await worker.exited;
    const left = await warmOf(pid);
    expect(left).toHaveLength(1);
    const swept = await sweepLeftovers(docker, bench.storage.queue, bench.store);
    expect(swept.containers).toHaveLength(1);
    expect(await warmOf(pid)).toEqual([]);
  });
});
