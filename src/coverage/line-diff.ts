/**
 * Which lines of a file's new content a change added or modified: the lines of the new file that
 * are not part of a longest common subsequence with the old one (Myers' O(ND) diff; a modified
 * line is a deletion plus an insertion, and the insertion is what counts). Pure.
 *
 * Bounded in work for huge files: the common head and tail are stripped first (one edited region
 * costs nothing more), then the search stops after MAX_EDITS edits or MAX_STEPS steps; past
 * either, every line between the common head and tail counts as changed (`exact: false`), which
 * can only measure more lines than the change touched, never fewer.
 */

export interface LineChanges {
  /** 1-based numbers of the new file's added or modified lines, ascending. */
  readonly lines: readonly number[];
  /** false when the diff gave up for size and counted the whole middle as changed. */
  readonly exact: boolean;
}

export interface DiffBounds {
  readonly maxEdits: number;
  readonly maxSteps: number;
}

export const DIFF_BOUNDS: DiffBounds = { maxEdits: 2_000, maxSteps: 20_000_000 };

/** Lines as editors count them: a final newline ends the last line, it does not start another. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function changedLines(before: string | null, after: string, bounds: DiffBounds = DIFF_BOUNDS): LineChanges {
  const b = splitLines(after);
  if (before === null) return { lines: b.map((_, i) => i + 1), exact: true };
  const a = splitLines(before);
  // Lines as small integers: one string comparison per distinct line, not per step.
  const ids = new Map<string, number>();
  const id = (line: string): number => {
    let found = ids.get(line);
    if (found === undefined) {
      found = ids.size;
      ids.set(line, found);
    }
    return found;
  };
  const x = Int32Array.from(a, id);
  const y = Int32Array.from(b, id);

  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const oldMiddle = x.subarray(head, x.length - tail);
  const newMiddle = y.subarray(head, y.length - tail);

  const inserted = myersInsertions(oldMiddle, newMiddle, bounds);
  if (inserted === null) {
    return { lines: Array.from({ length: newMiddle.length }, (_, i) => head + i + 1), exact: false };
  }
  return { lines: inserted.map((i) => head + i + 1), exact: true };
}

/**
 * Indexes (0-based, ascending) of `b`'s elements that a shortest edit script inserts; null when
 * the bounds were reached first.
 */
function myersInsertions(a: Int32Array, b: Int32Array, bounds: DiffBounds): number[] | null {
  const n = a.length;
  const m = b.length;
  if (m === 0) return [];
  if (n === 0) return Array.from({ length: m }, (_, i) => i);
  const max = Math.min(n + m, bounds.maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v as it was before round d, for k in [-d-1, d+1], indexed k + d + 1.
  const trace: Int32Array[] = [];
  let steps = 0;
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let px = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let py = px - k;
      while (px < n && py < m && a[px] === b[py]) {
        px++;
        py++;
        steps++;
      }
      v[offset + k] = px;
      steps++;
      if (px >= n && py >= m) {
        found = d;
        break;
      }
    }
    if (steps > bounds.maxSteps) return null;
  }
  if (found < 0) return null;

  const insertions: number[] = [];
  let px = n;
  let py = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    if (before === undefined) return null;
    const at = (k: number): number => before[k + d + 1] ?? 0;
    const k = px - py;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    // The round's one edit, from (prevX, prevY); the snake after it matched lines only.
    if (down) insertions.push(prevY);
    px = prevX;
    py = prevY;
  }
  return insertions.reverse();
}
