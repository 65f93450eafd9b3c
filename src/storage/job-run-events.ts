/**
 * A job run's events in the database (migration 1764900011000), inside the job store's
 * transactions: numbered from the run's `events` counter, which is bumped first and only while
 * the run has not ended. That UPDATE is the guard: on PostgreSQL it locks the run's row, so a
 * deletion ending the run elsewhere and a last log chunk never both number after each other's
 * end; SQLite has one writer. Rows read back are parsed; one that does not parse is skipped.
 *
 * Compaction: once a run has ended for COMPACT_AFTER_MS its log rows go (its result keeps the
 * log's tail, as before there were rows); its status rows stay, so seqs still resume.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { JobRunEvent, type JobRunEventBody } from '../jobs/job-events.js';

/** Long after any follower polling the run read its last rows. */
export const COMPACT_AFTER_MS = 60_000;
/** Rows per INSERT: well inside either database's parameter limit. */
const ROWS_PER_INSERT = 100;

const SeqRows = z.array(z.object({ events: z.coerce.number().int() }));
const EventRows = z.array(z.object({ seq: z.coerce.number().int(), event: z.string() }));

export class JobRunEvents {
  constructor(private readonly db: DataSource) {}

  /**
   * Numbers and stores `bodies` after the run's last event, and applies `set` (SQL assignments
   * on the run, their parameters after the run's id) in the same statement; false when the run
   * has ended already, nothing written.
   */
  async append(em: EntityManager, runId: string, bodies: readonly JobRunEventBody[], set: { sql: string; params: readonly unknown[] } = { sql: '', params: [] }): Promise<boolean> {
    if (em.queryRunner === undefined) throw new Error('a transaction has a query runner');
    const assignments = set.sql === '' ? '' : `, ${set.sql}`;
    const bumped: unknown = await em.queryRunner.query(
      `UPDATE job_runs SET events = events + ${bodies.length}${assignments} WHERE id = ${this.p(1)} AND finished_at IS NULL`,
      [runId, ...set.params],
      true,
    );
    if (affectedRows(bumped) !== 1) return false;
    const rows = SeqRows.parse(await em.query(`SELECT events FROM job_runs WHERE id = ${this.p(1)}`, [runId]));
    const first = (rows[0]?.events ?? bodies.length) - bodies.length + 1;
    const at = Date.now();
    for (let from = 0; from < bodies.length; from += ROWS_PER_INSERT) {
      const batch = bodies.slice(from, from + ROWS_PER_INSERT);
      const values = batch.map((_, i) => `(${[1, 2, 3, 4, 5].map((k) => this.p(i * 5 + k)).join(', ')})`).join(', ');
      const params = batch.flatMap((body, i) => [runId, first + from + i, body.type === 'log' ? 1 : 0, at, JSON.stringify(body)]);
      await em.query(`INSERT INTO job_run_events (run_id, seq, is_log, at_ms, event) VALUES ${values}`, params);
    }
    return true;
  }

  /** Drops the log rows of runs ended more than COMPACT_AFTER_MS ago. */
  async compact(em: EntityManager, now: number): Promise<void> {
    await em.query(
      `DELETE FROM job_run_events WHERE is_log = 1 AND run_id IN (SELECT e.run_id FROM job_run_events e JOIN job_runs r ON r.id = e.run_id WHERE e.is_log = 1 AND r.finished_at < ${this.p(1)})`,
      [now - COMPACT_AFTER_MS],
    );
  }

  /** The run's events after `afterSeq`, oldest first, at most `limit`. */
  async after(runId: string, afterSeq: number, limit: number): Promise<JobRunEvent[]> {
    const rows: unknown = await this.db.query(
      `SELECT seq, event FROM job_run_events WHERE run_id = ${this.p(1)} AND seq > ${this.p(2)} ORDER BY seq ASC LIMIT ${Math.max(1, Math.min(1000, Math.floor(limit)))}`,
      [runId, afterSeq],
    );
    const parsed = EventRows.safeParse(rows);
    if (!parsed.success) return [];
    return parsed.data.flatMap((row) => {
      const body: unknown = safeJson(row.event);
      const event = JobRunEvent.safeParse(typeof body === 'object' && body !== null ? { ...body, seq: row.seq, runId } : null);
      return event.success ? [event.data] : [];
    });
  }

  private p(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : `?${n}`;
  }
}

function affectedRows(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'affected' in result && typeof result.affected === 'number') return result.affected;
  return 0;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
