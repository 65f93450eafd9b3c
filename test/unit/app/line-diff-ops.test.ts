import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../src/app/line-diff-ops.js';
import { timeBuckets } from '../../../src/app/activity-buckets.js';

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`);

describe('a readable line diff', () => {
  it('shows a modified line as removed then added, with three lines of context and a hunk line', () => {
    const before = `${lines(10).join('\n')}\n`;
    const after = before.replace('line 6\n', 'line six\n');
    expect(lineDiff(before, after)).toEqual([
      { kind: 'hunk', text: '@@ line 3 @@' },
      { kind: 'ctx', text: 'line 3' },
      { kind: 'ctx', text: 'line 4' },
      { kind: 'ctx', text: 'line 5' },
      { kind: 'del', text: 'line 6' },
      { kind: 'add', text: 'line six' },
      { kind: 'ctx', text: 'line 7' },
      { kind: 'ctx', text: 'line 8' },
      { kind: 'ctx', text: 'line 9' },
    ]);
  });

  it('shows a new file as all added, and aligns insertions inside the middle', () => {
    expect(lineDiff(null, 'a\nb\n').map((l) => l.kind)).toEqual(['hunk', 'add', 'add']);
    const ops = lineDiff('a\nb\nc\nd\n', 'a\nx\nb\nc\ny\nd\n').filter((l) => l.kind !== 'hunk');
    expect(ops.map((l) => `${l.kind}:${l.text}`)).toEqual(['ctx:a', 'add:x', 'ctx:b', 'ctx:c', 'add:y', 'ctx:d']);
  });
});

describe('time buckets', () => {
  it('counts outcomes and averages durations per bucket, at least a minute wide', () => {
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
    const buckets = timeBuckets(
      [
        { finishedAt: t0, outcome: 'executed', totalMs: 1000 },
        { finishedAt: t0 + 30_000, outcome: 'rejected', totalMs: 3000 },
        { finishedAt: t0 + 5 * 60_000, outcome: 'error', totalMs: null },
      ],
      24,
    );
    expect(buckets).toHaveLength(6);
    expect(buckets[0]).toEqual({ start: '2026-01-01T12:00:00.000Z', executed: 1, rejected: 1, error: 0, meanMs: 2000 });
    expect(buckets[5]).toEqual({ start: '2026-01-01T12:05:00.000Z', executed: 0, rejected: 0, error: 1, meanMs: null });
    expect(timeBuckets([], 24)).toEqual([]);
  });
});
