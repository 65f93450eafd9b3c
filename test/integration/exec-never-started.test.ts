/**
 * An exec the runtime could not start is told apart from a command that ran and failed: the
 * reaper starts again only the first (sandbox.ts reap), since nothing of its script ran. A program
 * that does not exist is the start failure that can be made at will; a fork bomb makes the same
 * one now and then (docs/sandbox.md P3).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerLabels } from '../../src/sandbox/labels.js';
import { Releasers } from '../../src/sandbox/releasers.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { docker, settings } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

describe('an exec the runtime could not start', () => {
  const releasers = new Releasers();
  let sandbox: Sandbox;
  beforeAll(async () => {
    const base = await settings();
    sandbox = await Sandbox.open(
      docker,
      { image: base.baseImage, name: `patchproof-${randomUUID()}`, limits: base.limits, caps: base.caps, labels: ownerLabels({ kind: 'validation', id: randomUUID(), proposalId: 'test' }), engineTimeoutMs: 30_000 },
      releasers,
    );
  });
  afterAll(async () => {
    expect(await releasers.releaseAll()).toEqual([]);
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('is marked as never started, with the exit code the engine gave it', async () => {
    const result = await sandbox.run(['/no/such/program'], 30_000);
    expect(result.neverStarted).toBe(true);
    expect([126, 127]).toContain(result.exitCode);
  });

  it('is not confused with a command that ran and exited with the same code', async () => {
    const ran = await sandbox.run(['sh', '-c', 'exit 126'], 30_000);
    expect(ran.exitCode).toBe(126);
    expect(ran.neverStarted).toBeUndefined();
    const fine = await sandbox.run(['true'], 30_000);
    expect(fine.exitCode).toBe(0);
    expect(fine.neverStarted).toBeUndefined();
  });
});
