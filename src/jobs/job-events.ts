/**
 * A job run's events in this process (status changes and log chunks), numbered, kept while the
 * run goes and for a while after, so a follower that subscribes late replays what it missed
 * (GET /v1/jobs/{id}/events). Bounded: MAX_EVENTS per run (log chunks past it are dropped; the
 * stored result keeps the log's tail), at most MAX_RUNS runs remembered.
 */
import type { JobStatus } from './job-model.js';

export type JobEvent =
  | { readonly seq: number; readonly type: 'status'; readonly runId: string; readonly status: JobStatus }
  | { readonly seq: number; readonly type: 'log'; readonly runId: string; readonly text: string };
export type JobEventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'seq'> : never) : never;

const MAX_EVENTS = 2_000;
const MAX_RUNS = 200;

interface RunLog {
  readonly events: JobEvent[];
  ended: boolean;
  readonly listeners: Set<(event: JobEvent | null) => void>;
}

export class JobEvents {
  private readonly runs = new Map<string, RunLog>();

  /** The run's events so far and a subscription to the next (null: the run ended); undefined when unknown here. */
  follow(runId: string, listener: (event: JobEvent | null) => void): { past: readonly JobEvent[]; ended: boolean; stop(): void } | undefined {
    const log = this.runs.get(runId);
    if (log === undefined) return undefined;
    if (!log.ended) log.listeners.add(listener);
    return { past: [...log.events], ended: log.ended, stop: () => log.listeners.delete(listener) };
  }

  emit(body: JobEventBody): void {
    const log = this.open(body.runId);
    if (log.ended || (body.type === 'log' && log.events.length >= MAX_EVENTS)) return;
    const seq = log.events.length + 1;
    const event: JobEvent = body.type === 'status' ? { ...body, seq } : { ...body, seq };
    log.events.push(event);
    for (const listener of log.listeners) listener(event);
  }

  end(runId: string): void {
    const log = this.open(runId);
    log.ended = true;
    for (const listener of log.listeners) listener(null);
    log.listeners.clear();
  }

  private open(runId: string): RunLog {
    let log = this.runs.get(runId);
    if (log === undefined) {
      log = { events: [], ended: false, listeners: new Set() };
      this.runs.set(runId, log);
      // Forget the oldest ended runs past the bound (their results are in the database).
      for (const [id, old] of this.runs) {
        if (this.runs.size <= MAX_RUNS) break;
        if (old.ended) this.runs.delete(id);
      }
    }
    return log;
  }
}
