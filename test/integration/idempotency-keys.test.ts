/**
 * The idempotency key's race decided by the database, on SQLite and PostgreSQL, between two
 * stores (two servers' connections): while another transaction holds the key uncommitted, a
 * proposal made under it waits; when that transaction commits the proposal is not written and
 * KeyTaken names the holder's proposal; when it rolls back the proposal is written and takes the
 * key. On PostgreSQL the test first sees the second transaction waiting on the first's lock.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { KeyTaken, type KeyClaim } from '../../src/storage/idempotency-key-store.js';
import type { NewProposal } from '../../src/storage/proposal-store.js';
import { sqlParams } from '../../src/storage/sql-params.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';

describe.each(['sqlite', 'postgres'] as const)('idempotency keys between two stores on %s', (backend) => {
  let database: TestDatabase | null = null;
  let one: Storage;
  let two: Storage;
  let proposal: (title: string) => NewProposal;

  beforeAll(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-idem-store-');
    database = made.database;
    const env = made.env;
    one = await openStorage(loadConfig(env));
    two = await openStorage(loadConfig(env));
    const project = await one.projects.add('calc', await mkdtemp(join(tmpdir(), 'patchproof-idem-project-')));
    proposal = (title) => ({ projectId: project.id, title, author: 'idem', changes: [], patch: null, contentKey: randomUUID(), priority: 0, protectTests: false, status: 'pending' });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    database?.drop();
  });

  /** Holds `claim` for `holder` in an open transaction of store one, then ends it as `end` says, once store two's `create` under the claim has started. */
  async function race(claim: KeyClaim, holder: string, end: 'commit' | 'rollback'): Promise<PromiseSettledResult<unknown>> {
    const runner = one.db.createQueryRunner();
    const p = sqlParams(one.db);
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO idempotency_keys (scope, idem_key, request_digest, proposal_id, created_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`, [claim.scope, claim.key, claim.requestDigest, holder, Date.now()]);
      const created = two.proposals.create(proposal(`under ${claim.key}`), claim);
      const settled = created.then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      );
      if (backend === 'postgres') await waitingOnALock(two);
      if (end === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
      return await settled;
    } finally {
      await runner.release();
    }
  }

  it('refuses the key held by a transaction that commits: KeyTaken names its proposal, nothing written', async () => {
    const held = await one.proposals.create(proposal('holder'));
    const claim = { scope: 'local', key: 'commit-1', requestDigest: 'a'.repeat(64) };
    const outcome = await race(claim, held.id, 'commit');
    expect(outcome.status).toBe('rejected');
    const reason = outcome.status === 'rejected' ? outcome.reason : null;
    expect(reason).toBeInstanceOf(KeyTaken);
    expect(reason instanceof KeyTaken ? reason.record.proposalId : null).toBe(held.id);
    expect((await one.proposals.list()).filter((p) => p.proposal.title === 'under commit-1')).toEqual([]);
    expect(await two.idempotencyKeys.find('local', 'commit-1')).toMatchObject({ proposalId: held.id });
  });

  it('gives the key to the waiting proposal when the holder rolls back', async () => {
    const held = await one.proposals.create(proposal('holder 2'));
    const claim = { scope: 'local', key: 'rollback-1', requestDigest: 'b'.repeat(64) };
    const outcome = await race(claim, held.id, 'rollback');
    expect(outcome.status).toBe('fulfilled');
    const made = (await one.proposals.list()).filter((p) => p.proposal.title === 'under rollback-1');
    expect(made).toHaveLength(1);
    expect(await one.idempotencyKeys.find('local', 'rollback-1')).toMatchObject({ proposalId: made[0]?.proposal.id, requestDigest: 'b'.repeat(64) });
  });
});

/** Until a backend of this database waits on a lock (store two's insert behind store one's uncommitted key). */
async function waitingOnALock(storage: Storage): Promise<void> {
  for (;;) {
    const rows: { n: string | number }[] = await storage.db.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
