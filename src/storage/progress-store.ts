/**
 * The bounded tail of progress events per proposal (migration 1764800000000). Written only by
 * the process that holds the proposal's lease (or submits it), read by anyone following it.
 * Bounded: at most MAX_KEPT events per proposal while it runs, each at most MAX_EVENT_CHARS of
 * JSON; once a run ends only its last KEPT_AFTER_END stay.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ProgressEvent, type ProgressEventBody } from '../progress/progress-event.js';
import type { WriteQueue } from './write-queue.js';

export const MAX_KEPT = 500;
export const KEPT_AFTER_END = 50;
const MAX_EVENT_CHARS = 4_000;

// PostgreSQL returns MAX() of an integer as a number, SQLite too; bigint text is coerced either way.
const LastRow = z.array(z.object({ last: z.coerce.number().int().nullable() }));
const EventRows = z.array(z.object({ event: z.string() }));

export class ProgressStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** The highest number given so far (0: none), where a writer continues from. */
  async lastSeq(proposalId: string): Promise<number> {
    const rows: unknown = await this.db.query(`SELECT MAX(seq) AS last FROM progress_events WHERE proposal_id = ${this.p(1)}`, [proposalId]);
    const parsed = LastRow.safeParse(rows);
    return parsed.success ? (parsed.data[0]?.last ?? 0) : 0;
  }

  /** Appends events numbered from `firstSeq`, then drops the oldest past `keep`. */
  async append(proposalId: string, firstSeq: number, events: readonly ProgressEventBody[], keep = MAX_KEPT): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    await this.writes.transaction(async (em) => {
      let seq = firstSeq;
      for (const body of events) {
        const event = JSON.stringify({ ...body, seq, at: new Date(now).toISOString(), proposalId });
        // Lines are cut where they are made; this is the last bound before the database.
        if (event.length <= MAX_EVENT_CHARS) {
          await em.query(`INSERT INTO progress_events (proposal_id, seq, at_ms, event) VALUES (${this.p(1)}, ${this.p(2)}, ${this.p(3)}, ${this.p(4)})`, [proposalId, seq, now, event]);
        }
        seq += 1;
      }
      await em.query(`DELETE FROM progress_events WHERE proposal_id = ${this.p(1)} AND seq <= ${this.p(2)}`, [proposalId, seq - 1 - keep]);
    });
  }

  /** Keeps only the last `keep` events of a proposal whose run ended. */
  async prune(proposalId: string, keep = KEPT_AFTER_END): Promise<void> {
    const last = await this.lastSeq(proposalId);
    await this.writes.transaction((em) => em.query(`DELETE FROM progress_events WHERE proposal_id = ${this.p(1)} AND seq <= ${this.p(2)}`, [proposalId, last - keep]));
  }

  /** Events after `afterSeq`, oldest first, at most `limit`; rows that do not parse are skipped. */
  async after(proposalId: string, afterSeq: number, limit = 200): Promise<ProgressEvent[]> {
    const rows: unknown = await this.db.query(
      `SELECT event FROM progress_events WHERE proposal_id = ${this.p(1)} AND seq > ${this.p(2)} ORDER BY seq ASC LIMIT ${Math.max(1, Math.min(1000, Math.floor(limit)))}`,
      [proposalId, afterSeq],
    );
    const parsed = EventRows.safeParse(rows);
    if (!parsed.success) return [];
    return parsed.data.flatMap((row) => {
      const event = ProgressEvent.safeParse(safeJson(row.event));
      return event.success ? [event.data] : [];
    });
  }

  private p(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : `?${n}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
