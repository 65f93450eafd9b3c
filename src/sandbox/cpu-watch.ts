/**
 * The container's CPU time as the engine streams it (one sample a second, from the cgroup), for
 * the CPU budget of a running command. Streamed because a single stats request waits for the
 * engine's next sample anyway (about a second each, measured here), and from the engine because
 * no exec is needed: it keeps working when the container has no pid left to give.
 */
import type Docker from 'dockerode';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { parseStats } from './resource-stats.js';

export class CpuWatch {
  private latestNanos: number | null = null;

  private constructor(private readonly stream: NodeJS.ReadableStream) {
    let pending = '';
    stream.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end).trim();
        pending = pending.slice(end + 1);
        if (line === '') continue;
        try {
          const cpu = parseStats(JSON.parse(line)).cpuNanos;
          if (cpu !== null) this.latestNanos = cpu;
        } catch {
          // A line that is not JSON: keep the last good sample.
        }
      }
    });
    // A broken stream leaves the last sample; the wall-clock deadline still holds.
    stream.on('error', () => undefined);
  }

  /** null when the engine would not stream (the budget is then not watched; the deadline still is). */
  static async open(container: Docker.Container, engineTimeoutMs: number): Promise<CpuWatch | null> {
    try {
      // Only opening the stream has the deadline; close() ends it, in the caller's finally.
      const stream = await withDeadline('opening the stats stream', engineTimeoutMs, (abortSignal) => {
        const options = { stream: true as const, abortSignal };
        return container.stats(options);
      });
      return new CpuWatch(stream);
    } catch {
      return null;
    }
  }

  /** The last sample, at most about a second old; null before the first. */
  latest(): number | null {
    return this.latestNanos;
  }

  close(): void {
    closeStream(this.stream);
  }
}

/**
 * The CPU budget's watch, opened only once the command could have spent the budget: a container
 * capped at `cpus` uses at most cpus x elapsed (plus a scheduler period), so before
 * budget / cpus - WATCH_MARGIN_MS of wall time nothing can be over. Each stats stream costs the
 * engine about 100 ms of CPU (measured here), and most commands end long before that point.
 */
const WATCH_MARGIN_MS = 5_000;

export function watchDelayMs(cpuTimeMs: number, cpus: number): number {
  return Math.max(0, Math.floor(cpuTimeMs / cpus) - WATCH_MARGIN_MS);
}

export interface CpuReading {
  latest(): number | null;
  close(): void;
}

/** A watch opened after `delayMs` (at once and awaited when 0, as before). */
export async function openCpuWatch(container: Docker.Container, engineTimeoutMs: number, delayMs: number): Promise<CpuReading | null> {
  if (delayMs <= 0) return CpuWatch.open(container, engineTimeoutMs);
  let watch: CpuWatch | null = null;
  let closed = false;
  const timer = setTimeout(() => {
    void CpuWatch.open(container, engineTimeoutMs).then((opened) => {
      if (closed) opened?.close();
      else watch = opened;
    });
  }, delayMs);
  return {
    latest: () => watch?.latest() ?? null,
    close: () => {
      closed = true;
      clearTimeout(timer);
      watch?.close();
    },
  };
}
