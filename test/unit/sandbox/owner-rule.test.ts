import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ownerLabels } from '../../../src/sandbox/labels.js';
import { outlivedOwner, processAlive } from '../../../src/sandbox/owner-rule.js';

const facts = (liveLeases: string[], alive: (pid: number) => boolean = () => true) => ({ store: 'db-a', liveLeases: new Set(liveLeases), processAlive: alive });

describe('a janitor judges each owner kind by its own rule', () => {
  it('keeps a validation whose lease is held and removes one whose lease is gone', () => {
    const labels = ownerLabels({ kind: 'validation', id: 'v1', proposalId: 'p1', store: 'db-a' });
    expect(outlivedOwner(labels, facts(['v1']))).toBe(false);
    expect(outlivedOwner(labels, facts(['v2']))).toBe(true);
  });

  it('judges a baseline by its lease too, and leaves another store\'s leases alone', () => {
    expect(outlivedOwner(ownerLabels({ kind: 'baseline', id: 'b1', proposalId: 'p1', store: 'db-a' }), facts([]))).toBe(true);
    expect(outlivedOwner(ownerLabels({ kind: 'validation', id: 'v1', proposalId: 'p1', store: 'db-b' }), facts([]))).toBe(false);
  });

  it('keeps a process-owned sandbox while its process runs, whatever the leases', () => {
    for (const kind of ['warm', 'run', 'job', 'doctor'] as const) {
      const labels = ownerLabels({ kind, id: `${kind}-1`, store: 'db-a' });
      expect(outlivedOwner(labels, facts([]))).toBe(false);
      expect(outlivedOwner(labels, facts([], (pid) => pid !== process.pid))).toBe(true);
    }
  });

  it('leaves a sandbox of a process on another host to that host', () => {
    const labels = { ...ownerLabels({ kind: 'warm', id: 'w1' }), 'patchproof.worker': `not-${hostname()}:1` };
    expect(outlivedOwner(labels, facts([], () => false))).toBe(false);
  });

  it('judges labels written before owner kinds as validations', () => {
    const old = { patchproof: 'true', 'patchproof.validation': 'v1', 'patchproof.proposal': 'p1', 'patchproof.store': 'db-a' };
    expect(outlivedOwner(old, facts(['v1']))).toBe(false);
    expect(outlivedOwner(old, facts([]))).toBe(true);
  });

  it('asks the kernel whether a process runs', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 1)).toBe(false);
  });
});
