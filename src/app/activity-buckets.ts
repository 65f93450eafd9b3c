/** Runs put into at most `n` equal time buckets between the first and the last (pure). */
import type { Bucket } from './views/activity-view.js';

export interface RunPoint {
  readonly finishedAt: number;
  readonly outcome: string;
  readonly totalMs: number | null;
}

export function timeBuckets(points: readonly RunPoint[], n: number): Bucket[] {
  if (points.length === 0) return [];
  const first = Math.min(...points.map((p) => p.finishedAt));
  const last = Math.max(...points.map((p) => p.finishedAt));
  // At least a minute per bucket, so a burst of runs is not spread over empty milliseconds.
  const width = Math.max(60_000, Math.ceil((last - first + 1) / n));
  const count = Math.min(n, Math.floor((last - first) / width) + 1);
  const out = Array.from({ length: count }, (_, i) => ({ start: first + i * width, executed: 0, rejected: 0, error: 0, sum: 0, timed: 0 }));
  for (const p of points) {
    const b = out[Math.min(count - 1, Math.floor((p.finishedAt - first) / width))];
    if (b === undefined) continue;
    if (p.outcome === 'executed' || p.outcome === 'rejected' || p.outcome === 'error') b[p.outcome] += 1;
    if (p.totalMs !== null) {
      b.sum += p.totalMs;
      b.timed += 1;
    }
  }
  return out.map((b) => ({ start: new Date(b.start).toISOString(), executed: b.executed, rejected: b.rejected, error: b.error, meanMs: b.timed === 0 ? null : Math.round(b.sum / b.timed) }));
}

/** A run's total duration: its `total` phase when recorded, else the sum of its phases. */
export function totalOf(durations: Record<string, number> | null): number | null {
  if (durations === null) return null;
  if (typeof durations['total'] === 'number') return durations['total'];
  const values = Object.values(durations).filter((v) => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}
