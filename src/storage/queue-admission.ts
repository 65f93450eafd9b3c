/**
 * Admission to the queue (PATCHPROOF_MAX_PENDING). Counting the proposals that wait and adding to
 * them are one step: an admission is a write transaction that first takes the queue's admission
 * lock, then counts, then writes, and no other admission counts before it has committed or rolled
 * back, whichever process or server it comes from. So the limit is exact, not a best effort.
 *
 * PostgreSQL: a transaction-scoped advisory lock (READ COMMITTED: the count, a later statement,
 * sees every admission committed before the lock was granted). SQLite: the database's own write
 * lock, taken by a write statement that changes nothing. It must come first: a transaction that
 * reads first is refused (SQLITE_BUSY, no waiting) when another connection writes meanwhile,
 * whereas a first write waits under the busy timeout.
 *
 * What counts is changes waiting (`pending`). Baselines are the service's own work, at most one
 * per project state, queued with the first change that needs one; they are not counted, or a
 * change on a new state would need two places. Work already admitted that comes back to wait (a
 * retry after an infrastructure error, an expired lease, a release at shutdown) is never refused:
 * only then can the count pass the limit, by at most what was running.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { QueueFull } from '../errors/queue-full.js';
import { ProposalEntity, type ProposalRow } from './entities/proposal-entity.js';

/** Any fixed 64-bit number, the same in every patchproof process (the migration lock is ...001). */
const ADMISSION_LOCK = 7_461_636_866_002;

const WAITING = "SELECT count(*) AS n FROM proposals WHERE status = 'pending' AND kind = 'change'";
const Count = z.array(z.object({ n: z.coerce.number().int() })).length(1);

/** Changes waiting for a worker now, outside any admission: for a quick refusal before costly work. */
export async function waitingNow(db: DataSource): Promise<number> {
  return countWaiting(db.manager);
}

/**
 * Takes the admission lock in `em`'s transaction and counts the changes waiting. Must be the
 * transaction's first statement (see above); the lock is held until the transaction ends.
 */
export async function enterAdmission(em: EntityManager): Promise<number> {
  if (em.connection.options.type === 'postgres') await em.query('SELECT pg_advisory_xact_lock($1)', [ADMISSION_LOCK]);
  // Any write statement takes SQLite's write lock, even one that matches no row.
  else await em.query('UPDATE proposals SET status = status WHERE 1 = 0');
  return countWaiting(em);
}

/** A new change to admit: at most `max` may wait; `baseline`, its state's baseline row, queued with it when none exists yet. */
export interface Admission {
  readonly max: number;
  readonly baseline: ProposalRow | null;
}

/** Admits one new change, first thing in the transaction that then writes it: QueueFull, nothing written, when `max` already wait. */
export async function admitChange(em: EntityManager, admission: Admission): Promise<void> {
  const waiting = await enterAdmission(em);
  if (waiting >= admission.max) throw queueFull(waiting, admission.max);
  // Another admission may have queued the same state's baseline meanwhile: the unique index keeps one.
  if (admission.baseline !== null) await em.createQueryBuilder().insert().into(ProposalEntity).values(admission.baseline).orIgnore().execute();
}

/** The refusal of one new change while `waiting` (at least `max`) wait. */
export function queueFull(waiting: number, max: number): QueueFull {
  return new QueueFull(`${waiting} proposals are waiting for a worker, the most this server queues (PATCHPROOF_MAX_PENDING=${max}); try again later`, waiting);
}

/** Admits `count` changes at once, or none: QueueFull naming how many would fit. */
export function admitAll(waiting: number, max: number, count: number): void {
  if (count === 0 || waiting + count <= max) return;
  const fit = Math.max(0, max - waiting);
  // Past the limit itself, waiting helps nothing: only a smaller batch ever fits.
  const what = count > max ? `more than the queue ever holds: revalidate at most ${max} at a time` : `try again later${fit > 0 ? `, or revalidate at most ${fit}` : ''}`;
  throw new QueueFull(`${count} proposal(s) to queue but room for ${fit}: ${waiting} proposals are waiting for a worker, the most this server queues (PATCHPROOF_MAX_PENDING=${max}); none was queued: ${what}`, waiting);
}

async function countWaiting(em: EntityManager): Promise<number> {
  const rows: unknown = await em.query(WAITING);
  return Count.parse(rows)[0]?.n ?? 0;
}
