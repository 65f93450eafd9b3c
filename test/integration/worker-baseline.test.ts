/**
 * Baselines in the queue: 20 proposals on one new project state cause exactly one baseline run,
 * with two real worker processes racing over a real SQLite file and the real engine; every
 * proposal is compared with that one run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docker } from '../support/run-validation.js';
import { note, WorkerBench } from '../support/worker-harness.js';
import { ProposalEntity } from '../../src/storage/entities/proposal-entity.js';
import { ValidationEntity } from '../../src/storage/entities/validation-entity.js';

let bench: WorkerBench;

beforeEach(async () => {
  bench = await WorkerBench.open();
});

afterEach(async () => {
  expect(await bench.containers(docker)).toEqual([]);
  expect(await bench.volumes(docker)).toEqual([]);
  await bench.close();
});

describe('baselines in the worker', () => {
  it('20 proposals queued on a new state cause one baseline run, with two workers, and each is compared with it', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 20; n++) ids.push((await bench.propose([note(n)], { title: `p${n}` })).id);
    const a = bench.startWorker(['--until-idle']);
    const b = bench.startWorker(['--until-idle']);
    expect(await a.exited, a.log()).toBe(0);
    expect(await b.exited, b.log()).toBe(0);

    const baselines = await bench.storage.db.getRepository(ProposalEntity).find({ where: { kind: 'baseline' } });
    expect(baselines).toHaveLength(1);
    const runs = await bench.storage.db.getRepository(ValidationEntity).find({ where: { kind: 'baseline' } });
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run?.outcome).toBe('executed');
    for (const id of ids) {
      const validations = await bench.storage.db.getRepository(ValidationEntity).find({ where: { proposalId: id } });
      expect(validations, `proposal ${id}`).toHaveLength(1);
      const [only] = validations;
      expect(only?.outcome).toBe('executed');
      expect(only?.comparison?.baseline.validationId).toBe(run?.id);
      expect(only?.comparison?.broken).toEqual([]);
      // Waiting for the baseline is no attempt.
      expect((await bench.proposal(id)).attempts).toBe(1);
    }
  });
});
