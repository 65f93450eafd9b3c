/**
 * A running job's log on its way to the database, where any process sharing it can follow it.
 * Chunks from the engine are gathered and written every FLUSH_MS or as soon as FLUSH_BYTES wait,
 * whichever comes first, so a chatty script costs a few writes a second, not one a line.
 *
 * Bounded like the output kept today: each stream's live log stops at `keepBytes`
 * (PATCHPROOF_OUTPUT_KEEP_BYTES) and a run at MAX_LOG_EVENTS stored chunks; the last event of a
 * stream cut short says so (`truncated`), and the run's result keeps the log's tail as always.
 * Writes go one at a time, in order. A write that fails is dropped (the result still keeps the
 * tail) and told to `onError`; once the store refuses (the run ended, say deleted), nothing more
 * is written.
 */
import { type JobRunEventBody, LOG_STREAMS, type LogStream } from './job-events.js';

/** At most this long between the output and its being stored (the follower's poll adds its own). */
export const FLUSH_MS = 250;
/** Written at once past this much waiting: a chatty script's batches stay small rows. */
export const FLUSH_BYTES = 16 * 1024;
/** The most bytes of output one stored event holds. */
export const MAX_LOG_CHUNK_BYTES = 16 * 1024;
/** The most log events one run stores (one script alternating streams a byte at a time makes many small ones). */
export const MAX_LOG_EVENTS = 2_000;

/** Stores the events in order; false when the run takes no more (it ended). */
export type JobLogSink = (events: readonly JobRunEventBody[]) => Promise<boolean>;

interface Segment {
  readonly stream: LogStream;
  text: string;
  bytes: number;
  truncated: boolean;
}

interface StreamState {
  readonly decoder: TextDecoder;
  bytes: number;
  stopped: boolean;
}

export class JobLogBuffer {
  private pending: Segment[] = [];
  private pendingBytes = 0;
  private events = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private refused = false;
  private readonly streams: Record<LogStream, StreamState> = {
    stdout: { decoder: new TextDecoder(), bytes: 0, stopped: false },
    stderr: { decoder: new TextDecoder(), bytes: 0, stopped: false },
  };

  constructor(
    private readonly sink: JobLogSink,
    private readonly keepBytes: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** One chunk of a stream as the engine gave it; synchronous (the engine's stream is not held up). */
  push(stream: LogStream, chunk: Buffer): void {
    const state = this.streams[stream];
    if (state.stopped || this.refused) return;
    const room = this.keepBytes - state.bytes;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    for (let at = 0; at < kept.length; at += MAX_LOG_CHUNK_BYTES) {
      const piece = kept.subarray(at, at + MAX_LOG_CHUNK_BYTES);
      if (!this.add(stream, state.decoder.decode(piece, { stream: true }), piece.length)) return;
    }
    state.bytes += kept.length;
    if (kept.length < chunk.length) this.stop([stream]);
    if (this.pendingBytes >= FLUSH_BYTES) void this.flush();
    else if (this.timer === null && this.pending.length > 0) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what waits (before a status change, so the log stays in order with it); resolves once written. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length > 0) {
      const events: JobRunEventBody[] = batch.map((s) => ({ type: 'log', stream: s.stream, text: s.text, truncated: s.truncated }));
      this.writing = this.writing.then(async () => {
        if (this.refused) return;
        try {
          if (!(await this.sink(events))) this.refused = true;
        } catch (error) {
          this.onError(error);
        }
      });
    }
    return this.writing;
  }

  /** The run's output ended: what the decoders held back goes too, then everything is written. */
  close(): Promise<void> {
    for (const stream of LOG_STREAMS) {
      const state = this.streams[stream];
      if (state.stopped) continue;
      const rest = state.decoder.decode();
      if (rest.length > 0) this.add(stream, rest, 0);
    }
    return this.flush();
  }

  /** Adds text to the stream's last waiting segment, or a new one; false when the run's events ran out. */
  private add(stream: LogStream, text: string, bytes: number): boolean {
    const last = this.pending.at(-1);
    if (last !== undefined && last.stream === stream && last.bytes + bytes <= MAX_LOG_CHUNK_BYTES) {
      last.text += text;
      last.bytes += bytes;
    } else {
      // Kept back: one event for each stream to say it was cut.
      if (this.events >= MAX_LOG_EVENTS - LOG_STREAMS.length) {
        this.stop(LOG_STREAMS.filter((s) => !this.streams[s].stopped));
        return false;
      }
      this.pending.push({ stream, text, bytes, truncated: false });
      this.events += 1;
    }
    this.pendingBytes += bytes;
    return true;
  }

  /** These streams' live logs stop here, said by their last event. */
  private stop(streams: readonly LogStream[]): void {
    for (const stream of streams) {
      this.streams[stream].stopped = true;
      const last = this.pending.at(-1);
      if (last !== undefined && last.stream === stream) last.truncated = true;
      else {
        this.pending.push({ stream, text: '', bytes: 0, truncated: true });
        this.events += 1;
      }
    }
  }
}
