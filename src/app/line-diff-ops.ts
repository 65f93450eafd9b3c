/**
 * A readable line diff of two texts (pure): common head and tail stripped, the middle aligned by a
 * longest common subsequence when it is small enough (else shown as removed then added), and
 * unchanged runs cut to 3 lines of context around each change, with `@@` hunk lines between.
 */
import { splitLines } from '../coverage/line-diff.js';
import type { DiffLine } from './views/diff-view.js';

const MAX_CELLS = 2_000_000;
const CONTEXT = 3;

export function lineDiff(before: string | null, after: string): DiffLine[] {
  const a = before === null ? [] : splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: DiffLine[] = [
    ...a.slice(0, head).map((text) => ({ kind: 'ctx' as const, text })),
    ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((text) => ({ kind: 'ctx' as const, text })),
  ];
  return withContext(ops);
}

function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS || n === 0 || m === 0) return [...a.map((text) => ({ kind: 'del' as const, text })), ...b.map((text) => ({ kind: 'add' as const, text }))];
  // lcs[i*(m+1)+j]: length of the LCS of a[i..] and b[j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'ctx', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) out.push({ kind: 'del', text: a[i++] ?? '' });
    else out.push({ kind: 'add', text: b[j++] ?? '' });
  }
  while (i < n) out.push({ kind: 'del', text: a[i++] ?? '' });
  while (j < m) out.push({ kind: 'add', text: b[j++] ?? '' });
  return out;
}

/** Keeps CONTEXT unchanged lines around changes; a gap becomes one hunk line naming the new line number. */
function withContext(ops: readonly DiffLine[]): DiffLine[] {
  const near = new Array<boolean>(ops.length).fill(false);
  ops.forEach((op, k) => {
    if (op.kind === 'ctx') return;
    for (let d = Math.max(0, k - CONTEXT); d <= Math.min(ops.length - 1, k + CONTEXT); d++) near[d] = true;
  });
  const out: DiffLine[] = [];
  let newLine = 0;
  let gap = true;
  ops.forEach((op, k) => {
    if (op.kind !== 'del') newLine++;
    if (!near[k]) {
      gap = true;
      return;
    }
    if (gap) out.push({ kind: 'hunk', text: `@@ line ${op.kind === 'del' ? newLine + 1 : newLine} @@` });
    gap = false;
    out.push(op);
  });
  return out;
}
