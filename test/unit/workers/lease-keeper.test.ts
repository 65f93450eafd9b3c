/** The lease keeper against a real queue on a real SQLite file. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ProposalEntity } from '../../../src/storage/entities/proposal-entity.js';
import { openStorage, type Storage } from '../../../src/storage/storage.js';
import { LeaseKeeper } from '../../../workers/lease-keeper.js';

/** The shortest lease the keeper renews at its floor (every 250 ms), so a test waits little. */
const LEASE_MS = 750;
let storage: Storage;
let projectId: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-lease-'));
  storage = await openStorage(loadConfig({ PATCHPROOF_DB_PATH: join(dir, 'db.sqlite') }));
  projectId = (await storage.projects.add('calc', dir, { framework: null, testCommand: null, build: true })).id;
});

afterAll(async () => {
  await storage.close();
});

async function claimed(token: string): Promise<string> {
  const proposal = await storage.proposals.create({ projectId, title: token, author: 'agent', changes: [{ filepath: 'a.py', content: 'x' }], patch: null, contentKey: token, priority: 0, protectTests: false, status: 'pending' });
  const claim = await storage.queue.claim(token, LEASE_MS);
  expect(claim?.id).toBe(proposal.id);
  return proposal.id;
}

const expiry = async (id: string) => (await storage.db.getRepository(ProposalEntity).findOneByOrFail({ id })).leaseExpiresAt ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !condition() && Date.now() < end; ) await sleep(25);
}

describe('LeaseKeeper', () => {
  it('keeps a lease held past its own length by renewing it', async () => {
    const id = await claimed('held');
    const first = await expiry(id);
    let lost = 0;
    const keeper = new LeaseKeeper(storage.queue, id, 'held', LEASE_MS, () => lost++);
    await until(() => Date.now() > first + 250);
    await sleep(300); // past the first lease's end, with renewals in between
    await keeper.stop();
    // Still held at a moment past the end of the lease as claimed.
    expect(Date.now()).toBeGreaterThan(first);
    expect(await expiry(id)).toBeGreaterThan(Date.now());
    expect(lost).toBe(0);
    expect(keeper.isLost).toBe(false);
  });

  it('tells once when the lease went to another claim, and renews no more', async () => {
    const id = await claimed('first');
    let lost = 0;
    const keeper = new LeaseKeeper(storage.queue, id, 'first', LEASE_MS, () => lost++);
    // The lease taken back and claimed again, as the janitor and another worker would.
    expect(await storage.queue.release(id, 'first', 'test: taken back')).toBe(true);
    expect((await storage.queue.claim('second', 60_000))?.id).toBe(id);
    await until(() => lost > 0);
    await sleep(600); // two more renewal periods
    await keeper.stop();
    expect(lost).toBe(1);
    expect(keeper.isLost).toBe(true);
    expect((await storage.db.getRepository(ProposalEntity).findOneByOrFail({ id })).leaseOwner).toBe('second');
  });

  it('renews nothing after stop', async () => {
    const id = await claimed('stopped');
    const keeper = new LeaseKeeper(storage.queue, id, 'stopped', LEASE_MS, () => undefined);
    await keeper.stop();
    const after = await expiry(id);
    await sleep(600);
    expect(await expiry(id)).toBe(after);
  });

  it('reports a failing renewal without calling the lease lost', async () => {
    // Its own database, closed under the keeper: every renewal then fails for real.
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-lease-closed-'));
    const fragile = await openStorage(loadConfig({ PATCHPROOF_DB_PATH: join(dir, 'db.sqlite') }));
    const project = await fragile.projects.add('calc', dir, { framework: null, testCommand: null, build: true });
    const proposal = await fragile.proposals.create({ projectId: project.id, title: 'x', author: null, changes: [], patch: null, contentKey: 'k', priority: 0, protectTests: false, status: 'pending' });
    expect((await fragile.queue.claim('failing', LEASE_MS))?.id).toBe(proposal.id);
    const failures: unknown[] = [];
    let lost = 0;
    const keeper = new LeaseKeeper(fragile.queue, proposal.id, 'failing', LEASE_MS, () => lost++, (error) => failures.push(error));
    await fragile.close();
    await until(() => failures.length >= 2);
    await keeper.stop();
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(lost).toBe(0);
    expect(keeper.isLost).toBe(false);
  });
});
