/**
 * Idempotency keys (migration 1764900009000): a caller's key names the proposal its first request
 * made, with the digest of that request. The key's row is written in the proposal's own
 * transaction (claimKey, called by ProposalStore.create), so a submission that fails leaves the
 * key free, and the primary key decides a race: the loser's transaction, its proposal with it, is
 * rolled back and it is told whose proposal holds the key (KeyTaken). A key is kept a day: older
 * rows are neither answered (expired on read) nor kept (forgetBefore, on the server's timer).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { InfraError } from '../errors/infra-error.js';
import { sqlParams } from './sql-params.js';
import type { WriteQueue } from './write-queue.js';

export const KEEP_KEY_MS = 24 * 60 * 60 * 1000;

/** A key about to be taken by a new proposal. */
export interface KeyClaim {
  /** Whose key it is: keys of different callers never meet. */
  readonly scope: string;
  readonly key: string;
  /** sha-256 (hex) of the request's canonical body. */
  readonly requestDigest: string;
}

/** A key taken: by which request, for which proposal, when. */
export interface KeyRecord {
  readonly requestDigest: string;
  readonly proposalId: string;
  readonly createdAt: number;
}

/** The key was taken meanwhile (another server, another request): nothing of ours was written. */
export class KeyTaken extends Error {
  override readonly name = 'KeyTaken';
  constructor(readonly record: KeyRecord) {
    super(`the idempotency key is held by proposal ${record.proposalId}`);
  }
}

const num = z.coerce.number().int();
const KeyRow = z.object({ request_digest: z.string(), proposal_id: z.string(), created_at: num });

export class IdempotencyKeyStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** The key's record, unless it is older than a day (then it is as if never used). */
  async find(scope: string, key: string, now = Date.now()): Promise<KeyRecord | null> {
    return readKey(this.db.manager, sqlParams(this.db), scope, key, now - KEEP_KEY_MS);
  }

  /** Forgets keys taken before `cutoff` (ms); how many. */
  async forgetBefore(cutoff: number): Promise<number> {
    const deleted = await this.writes.transaction((em) => em.createQueryBuilder().delete().from('idempotency_keys').where('created_at < :cutoff', { cutoff }).execute());
    return deleted.affected ?? 0;
  }
}

/**
 * Takes the key for `proposalId` inside the caller's transaction (the proposal's row written in it
 * too); throws KeyTaken when another proposal holds it. ON CONFLICT DO NOTHING waits, on
 * PostgreSQL, for a racing transaction holding the same key to end; SQLite has one writer at a
 * time. Then the row says who won: no error text or driver-specific count is read.
 */
export async function claimKey(em: EntityManager, claim: KeyClaim, proposalId: string, now: number): Promise<void> {
  const p = sqlParams(em.connection);
  // A key older than a day is free again: its row goes before the new one is written.
  await em.query(`DELETE FROM idempotency_keys WHERE scope = ${p(1)} AND idem_key = ${p(2)} AND created_at <= ${p(3)}`, [claim.scope, claim.key, now - KEEP_KEY_MS]);
  await em.query(`INSERT INTO idempotency_keys (scope, idem_key, request_digest, proposal_id, created_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}) ON CONFLICT (scope, idem_key) DO NOTHING`, [
    claim.scope,
    claim.key,
    claim.requestDigest,
    proposalId,
    now,
  ]);
  // Any age: what is there now is ours or the racer's (the expired row is gone).
  const holder = await readKey(em, p, claim.scope, claim.key, null);
  if (holder === null) throw new InfraError('STORAGE_FAILED', 'the idempotency key was neither taken nor found taken', { scope: claim.scope });
  if (holder.proposalId !== proposalId) throw new KeyTaken(holder);
}

/** The key's row, if taken after `since` (ms; null: whenever). */
async function readKey(em: EntityManager, p: (n: number) => string, scope: string, key: string, since: number | null): Promise<KeyRecord | null> {
  const fresh = since === null ? '' : ` AND created_at > ${p(3)}`;
  const rows: unknown = await em.query(`SELECT request_digest, proposal_id, created_at FROM idempotency_keys WHERE scope = ${p(1)} AND idem_key = ${p(2)}${fresh}`, since === null ? [scope, key] : [scope, key, since]);
  const row = z.array(KeyRow).safeParse(rows).data?.[0];
  return row === undefined ? null : { requestDigest: row.request_digest, proposalId: row.proposal_id, createdAt: row.created_at };
}
