/**
 * The queue's guarantees on both databases patchproof runs on (a real SQLite file and a real
 * PostgreSQL server): migrations run once however many processes start together, a claim takes
 * exactly one proposal, by priority then age, and a verdict is written only by the lease holder.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InfraError } from '../../src/errors/infra-error.js';
import { resultWithoutRun } from '../../src/pipeline/validation-result.js';
import { MIGRATIONS } from '../../src/storage/data-source.js';
import { ValidationEntity } from '../../src/storage/entities/validation-entity.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { createTestDatabase, type TestDatabase } from '../support/local-postgres.js';

type Backend = 'sqlite' | 'postgres';

async function environment(backend: Backend): Promise<{ env: Record<string, string>; database: TestDatabase | null }> {
  if (backend === 'postgres') {
    const database = createTestDatabase();
    return { env: { PATCHPROOF_DATABASE_URL: database.url }, database };
  }
  return { env: { PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), 'patchproof-queue-')), 'db.sqlite') }, database: null };
}

describe.each<Backend>(['sqlite', 'postgres'])('the proposal queue on %s', (backend) => {
  let database: TestDatabase | null;
  let env: Record<string, string>;
  let storages: Storage[];

  beforeEach(async () => {
    ({ env, database } = await environment(backend));
    storages = [];
  });

  afterEach(async () => {
    for (const s of storages) await s.close();
    database?.drop();
  });

  async function open(): Promise<Storage> {
    const storage = await openStorage(loadConfig(env));
    storages.push(storage);
    return storage;
  }

  async function queue(storage: Storage, n: number, priority = 0): Promise<string[]> {
    const project = await storage.projects.add('calc', '/nowhere/calc');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = await storage.proposals.create({ projectId: project.id, title: `p${i}`, author: null, changes: [], patch: null, contentKey: `k${i}`, priority, status: 'pending' });
      ids.push(p.id);
    }
    return ids;
  }

  it('runs the migrations once when several processes open the database together', async () => {
    const opened = await Promise.all([open(), open(), open()]);
    const rows: unknown = await opened[0]?.db.query('SELECT name FROM migrations');
    // One row per migration: none ran twice.
    expect(Array.isArray(rows) ? rows.length : -1).toBe(MIGRATIONS.length);
  });

  it('gives each pending proposal to exactly one of many concurrent claimers, by priority then age', async () => {
    const [a, b] = [await open(), await open()];
    if (a === undefined || b === undefined) throw new Error('unreachable');
    const ids = await queue(a, 20);
    const urgent = (await a.proposals.create({ projectId: (await a.projects.list())[0]?.id ?? '', title: 'urgent', author: null, changes: [], patch: null, contentKey: 'u', priority: 5, status: 'pending' })).id;
    const claimed: string[] = [];
    const claimers = [a, b, a, b].map(async (storage, i) => {
      for (;;) {
        const p = await storage.queue.claim(`token-${i}-${claimed.length}-${Math.random()}`, 60_000);
        if (p === null) return;
        claimed.push(p.id);
      }
    });
    await Promise.all(claimers);
    expect(claimed).toHaveLength(21);
    expect(new Set(claimed).size).toBe(21);
    // Four claimers run at once, so answers may arrive out of order; the urgent one is in the first round.
    expect(claimed.slice(0, 4)).toContain(urgent);
    expect(new Set(claimed)).toEqual(new Set([...ids, urgent]));
  });

  it('writes a verdict only for the lease holder; an expired lease goes back to the queue and to the next claimer', async () => {
    const storage = await open();
    const [id] = await queue(storage, 1);
    const first = await storage.queue.claim('holder-1', 1);
    expect(first?.id).toBe(id);
    await new Promise((r) => setTimeout(r, 20));
    expect(await storage.queue.reclaimExpired()).toBe(1);
    const second = await storage.queue.claim('holder-2', 60_000);
    expect(second?.id).toBe(id);
    expect(second?.attempts).toBe(2);

    const late = resultWithoutRun('holder-1', { outcome: 'executed', code: 'passed', reason: 'late' });
    await expect(storage.proposals.recordValidation(id ?? '', 'holder-1', late, { status: 'executed' }, 'w1')).rejects.toSatisfy((e) => e instanceof InfraError && e.code === 'LEASE_LOST');
    expect(await storage.queue.renew(id ?? '', 'holder-1', 60_000)).toBe(false);
    expect(await storage.db.getRepository(ValidationEntity).count()).toBe(0);

    const onTime = resultWithoutRun('holder-2', { outcome: 'rejected', code: 'tests_failed', reason: '1 of 1 tests failed: t' });
    await storage.proposals.recordValidation(id ?? '', 'holder-2', onTime, { status: 'rejected' }, 'w2');
    const detail = await storage.proposals.show(id ?? '');
    expect(detail?.proposal.status).toBe('rejected');
    expect(detail?.proposal.leaseOwner).toBeNull();
    expect(detail?.validations.map((v) => v.validation.id)).toEqual(['holder-2']);
  });

  it('keeps a proposal waiting out its backoff until its time comes', async () => {
    const storage = await open();
    const [id] = await queue(storage, 1);
    await storage.queue.claim('t1', 60_000);
    const failed = resultWithoutRun('t1', { outcome: 'error', code: 'infra:ENGINE_UNREACHABLE', reason: 'no engine' });
    await storage.proposals.recordValidation(id ?? '', 't1', failed, { status: 'pending', notBefore: Date.now() + 400 }, 'w');
    expect(await storage.queue.claim('t2', 60_000)).toBeNull();
    await new Promise((r) => setTimeout(r, 450));
    expect((await storage.queue.claim('t3', 60_000))?.id).toBe(id);
  });
});
