/**
 * The queue of proposals waiting for a worker. A claim is one conditional UPDATE that must
 * change exactly one row (SQLite has one writer; PostgreSQL skips rows other workers locked), and
 * it stamps a lease token unique to that claim, so every later write can be fenced by it.
 */
import { In, type DataSource } from 'typeorm';
import { ProposalEntity, type ProposalRow, type ProposalStatus } from './entities/proposal-entity.js';
import { admitAll, enterAdmission } from './queue-admission.js';
import type { WriteQueue } from './write-queue.js';

export class ProposalQueue {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** Takes the next pending proposal (priority first, then age) for `token`, or null. */
  async claim(token: string, leaseMs: number): Promise<ProposalRow | null> {
    const now = Date.now();
    const postgres = this.db.options.type === 'postgres';
    // Baselines first; a change graded against a baseline waits while its baseline is queued or
    // running (it is not claimed at all, so N proposals on a new state cause one baseline run).
    const pick = `SELECT c.id FROM proposals c WHERE c.status = 'pending' AND (c.not_before IS NULL OR c.not_before <= ${p(postgres, 1)})
      AND (c.baseline_key IS NULL OR NOT EXISTS (SELECT 1 FROM proposals b WHERE b.kind = 'baseline' AND b.state_key = c.baseline_key AND b.status IN ('pending', 'running')))
      ORDER BY CASE WHEN c.kind = 'baseline' THEN 0 ELSE 1 END, c.priority DESC, c.created_at ASC, c.id ASC LIMIT 1${postgres ? ' FOR UPDATE OF c SKIP LOCKED' : ''}`;
    const sql = `UPDATE proposals SET status = 'running', lease_owner = ${p(postgres, 2)}, lease_expires_at = ${p(postgres, 3)},
      attempts = attempts + 1, updated_at = ${p(postgres, 1)} WHERE id = (${pick}) AND status = 'pending'`;
    const affected = await this.writes.transaction(async (em) => {
      if (em.queryRunner === undefined) throw new Error('a transaction has a query runner');
      const result: unknown = await em.queryRunner.query(sql, [now, token, now + leaseMs], true);
      return affectedRows(result);
    });
    if (affected !== 1) return null;
    return this.db.getRepository(ProposalEntity).findOne({ where: { leaseOwner: token } });
  }

  /** Extends a lease still held; false when it was lost (expired and taken back). */
  async renew(id: string, token: string, leaseMs: number): Promise<boolean> {
    const result = await this.writes.transaction((em) =>
      em
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({ leaseExpiresAt: Date.now() + leaseMs })
        .where('id = :id AND lease_owner = :token AND status = :running', { id, token, running: 'running' })
        .execute(),
    );
    return result.affected === 1;
  }

  /** Gives a leased proposal back to the queue (shutdown, abort), without counting an outcome. */
  async release(id: string, token: string, reason: string): Promise<boolean> {
    const result = await this.writes.transaction((em) =>
      em
        .createQueryBuilder()
        .update(ProposalEntity)
        // The attempt did not count: it was stopped, not judged.
        .set({ status: 'pending', leaseOwner: null, leaseExpiresAt: null, reason, attempts: () => 'attempts - 1', updatedAt: Date.now() })
        .where('id = :id AND lease_owner = :token AND status = :running', { id, token, running: 'running' })
        .execute(),
    );
    return result.affected === 1;
  }

  /**
   * Puts a claimed change back to wait for its baseline (`baselineKey`), without counting an
   * attempt: the claim query holds it back until that baseline has run.
   */
  async waitForBaseline(id: string, token: string, baselineKey: string): Promise<boolean> {
    const result = await this.writes.transaction((em) =>
      em
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({ status: 'pending', leaseOwner: null, leaseExpiresAt: null, baselineKey, reason: 'waiting for the baseline of its project state', attempts: () => 'attempts - 1', updatedAt: Date.now() })
        .where('id = :id AND lease_owner = :token AND status = :running', { id, token, running: 'running' })
        .execute(),
    );
    return result.affected === 1;
  }

  /** Returns proposals whose worker died (lease expired) to the queue; how many. */
  async reclaimExpired(): Promise<number> {
    const result = await this.writes.transaction((em) =>
      em
        .createQueryBuilder()
        .update(ProposalEntity)
        .set({ status: 'pending', leaseOwner: null, leaseExpiresAt: null, reason: 'its worker stopped answering: queued again', updatedAt: Date.now() })
        .where('status = :running AND lease_expires_at < :now', { running: 'running', now: Date.now() })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /**
   * Queues finished proposals again (batch revalidation), all or none: one admission to the queue
   * (queue-admission.ts), refused with QueueFull naming how many would fit when they do not all.
   * Returns the ids queued (those finished; others are left as they are), in the order given.
   */
  async requeue(ids: readonly string[], max: number): Promise<string[]> {
    const lock = this.db.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    return this.writes.transaction(async (em) => {
      const waiting = await enterAdmission(em);
      const finished: Pick<ProposalRow, 'id' | 'kind'>[] = [];
      for (const chunk of chunks([...new Set(ids)])) {
        finished.push(...(await em.getRepository(ProposalEntity).find({ select: { id: true, kind: true }, where: { id: In(chunk), status: In(FINISHED) }, ...lock })));
      }
      // Baselines (named by id) are the service's own work: not counted, as at submission.
      admitAll(waiting, max, finished.filter((p) => p.kind === 'change').length);
      const now = Date.now();
      for (const chunk of chunks(finished.map((p) => p.id))) {
        await em
          .createQueryBuilder()
          .update(ProposalEntity)
          .set({ status: 'pending', attempts: 0, notBefore: null, reason: 'queued for revalidation', updatedAt: now })
          .where('id IN (:...chunk) AND status IN (:...done)', { chunk, done: FINISHED })
          .execute();
      }
      const queued = new Set(finished.map((p) => p.id));
      return [...new Set(ids)].filter((id) => queued.has(id));
    });
  }

  /** Proposals not yet judged: pending (including those waiting out a backoff) or running. */
  outstanding(): Promise<number> {
    return this.db.getRepository(ProposalEntity).count({ where: [{ status: 'pending' }, { status: 'running' }] });
  }

  /** Leases currently held: what the janitor must not touch. */
  async runningValidations(): Promise<Pick<ProposalRow, 'id' | 'leaseOwner' | 'leaseExpiresAt'>[]> {
    return this.db.getRepository(ProposalEntity).find({ select: { id: true, leaseOwner: true, leaseExpiresAt: true }, where: { status: 'running' } });
  }
}

const FINISHED: ProposalStatus[] = ['executed', 'rejected', 'error'];

/** Bound parameters per statement, well under SQLite's cap. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Numbered parameter n in the driver's syntax (SQLite takes ?NNN, PostgreSQL $N). */
function p(postgres: boolean, n: number): string {
  return postgres ? `$${n}` : `?${n}`;
}

function affectedRows(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'affected' in result && typeof result.affected === 'number') return result.affected;
  return 0;
}
