/**
 * A ProgressSink that keeps a proposal's events in the database for followers: emit() only
 * queues; a flush every FLUSH_MS (or at BATCH events) writes them in one transaction, so a
 * chatty test run costs a few writes a second. Failures to write are dropped: progress is best
 * effort, the verdict is recorded elsewhere.
 */
import type { ProgressEventBody } from './progress-event.js';
import type { ProgressSink } from './progress-sink.js';

export interface ProgressTail {
  lastSeq(proposalId: string): Promise<number>;
  append(proposalId: string, firstSeq: number, events: readonly ProgressEventBody[]): Promise<void>;
  prune(proposalId: string): Promise<void>;
}

const FLUSH_MS = 250;
const BATCH = 50;
/** Events waiting for a write; past this they are dropped (the database is far behind). */
const MAX_WAITING = 1_000;

export class ProgressRecorder implements ProgressSink {
  private waiting: ProgressEventBody[] = [];
  private next: number | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly tail: ProgressTail,
    private readonly proposalId: string,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
  }

  emit(event: ProgressEventBody): void {
    if (this.waiting.length >= MAX_WAITING) return;
    this.waiting.push(event);
    if (this.waiting.length >= BATCH) void this.flush();
  }

  /** Writes what is waiting; resolves when everything emitted so far is written (or given up). */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.waiting.length === 0) return;
      const batch = this.waiting;
      this.waiting = [];
      try {
        this.next ??= (await this.tail.lastSeq(this.proposalId)) + 1;
        await this.tail.append(this.proposalId, this.next, batch);
        this.next += batch.length;
      } catch {
        // Best effort (see above); the next batch tries again from a fresh number.
        this.next = null;
      }
    });
    return this.writing;
  }

  /** Flushes, stops the timer and, when `ended`, keeps only the tail. Idempotent. */
  async close(ended: boolean): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (ended) await this.tail.prune(this.proposalId).catch(() => undefined);
  }
}
