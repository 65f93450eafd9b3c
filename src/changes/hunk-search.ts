/**
 * Where a hunk's old lines are in a file, as `git apply` finds them without fuzz: the line its
 * header names (moved by the offset the hunk before was found at) first, then lines further and
 * further from it. Every line compared is counted against one budget for the whole diff: 2,000
 * hunks each found far from their header once cost 37 s of CPU (issue 12); now such a diff is
 * refused once the budget is spent. Comparisons are of bytes in place, and the message saying
 * why a hunk does not apply is built once, when it is reported.
 */
import { ProposalFault } from '../errors/proposal-fault.js';
import { show } from './diff/diff-names.js';
import type { Hunk } from './diff/file-patch.js';

/** Line comparisons one diff may spend placing its hunks: well under a second of CPU. */
export const DIFF_SEARCH_BUDGET = 20_000_000;

/** The line comparisons a diff has spent; shared by every hunk of every file of one diff. */
export class SearchBudget {
  used = 0;
  constructor(readonly limit: number = DIFF_SEARCH_BUDGET) {}
}

/** A file's lines as offsets: line i is bytes [starts[i], starts[i + 1]), its "\n" included. */
export interface FileLines {
  readonly file: Buffer;
  readonly starts: Uint32Array;
  readonly count: number;
}

export function fileLines(file: Buffer): FileLines {
  let count = 0;
  for (let at = file.indexOf(10); at >= 0; at = file.indexOf(10, at + 1)) count++;
  if (file.length > 0 && file[file.length - 1] !== 10) count++;
  const starts = new Uint32Array(count + 1);
  let line = 0;
  for (let at = file.indexOf(10); at >= 0; at = file.indexOf(10, at + 1)) starts[++line] = at + 1;
  starts[count] = file.length;
  return { file, starts, count };
}

/** One side of a hunk: its lines as offsets into the diff, and whether the last ends without a newline. */
export interface Side {
  readonly bytes: Buffer;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly length: number;
  readonly noNewlineAtEnd: boolean;
}

export function sideOf(hunk: Hunk, which: 'old' | 'new'): Side {
  const lines = hunk.side(which);
  const starts = new Uint32Array(lines.length);
  const ends = new Uint32Array(lines.length);
  lines.forEach((line, i) => {
    starts[i] = hunk.contentStart(line);
    ends[i] = hunk.contentEnd(line);
  });
  return { bytes: hunk.text.bytes, starts, ends, length: lines.length, noNewlineAtEnd: which === 'old' ? hunk.oldNoNewlineAtEnd : hunk.newNoNewlineAtEnd };
}

export interface Failure {
  readonly reason: string;
  /** The file's line the reason is about. */
  readonly line: number;
}

export interface Placing {
  readonly hunk: Hunk;
  /** "hunk 2 of src/x.py (@@ -3 +3 @@)", for messages. */
  readonly label: string;
  readonly path: string;
  readonly index: number;
}

/**
 * Where the hunk's old lines are in the file (a line index), or why they are nowhere. Never
 * before the end of the hunk before (`from`); every line must match. A hunk of only added lines
 * has nothing to search by: it goes where its header says.
 */
export function place(f: FileLines, old: Side, placing: Placing, from: number, offset: number, unidiffZero: boolean, budget: SearchBudget): number | Failure {
  const { hunk } = placing;
  const expected = (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1) + offset;
  const last = f.count - old.length;
  const fits = (at: number): boolean => at >= from && at <= last && matches(f, old, at, budget);
  try {
    if (old.length === 0) return fits(expected) ? expected : explain(f, old, expected, from, null, null);
    const anchor = unidiffZero ? null : anchorOf(hunk, last);
    if (anchor !== null && anchor.at !== null && fits(anchor.at)) return anchor.at;
    const found = search(Math.max(expected, from), from, last, fits);
    if (anchor === null && found !== null) return found;
    return explain(f, old, expected, from, anchor, found);
  } catch (error) {
    if (error !== SPENT) throw error;
    const why = explain(f, old, expected, from, null, null);
    throw new ProposalFault(
      'PATCH_SEARCH_LIMIT',
      `${placing.label} was not found within ${budget.limit} line comparisons, the search limit for one diff (where its header points, ${why.reason}); make the diff against the project as it is now`,
      { path: placing.path, hunk: placing.index + 1, diffLine: hunk.diffLine, line: why.line, comparisons: budget.used },
    );
  }
}

/** Thrown by matches() when the budget is spent, caught by place(): never leaves this file. */
class BudgetSpent extends Error {}
const SPENT = new BudgetSpent('search budget spent');

interface Anchor {
  /** The one line index the hunk may start at; null when none can satisfy the rule. */
  readonly at: number | null;
  readonly rule: string;
}

/**
 * Where git apply insists a hunk goes: one from line 1 at the start of the file, one with no
 * context after its changes at the end (diff only leaves the context out at the end of a file),
 * one with both the whole file.
 */
function anchorOf(hunk: Hunk, last: number): Anchor | null {
  const atStart = hunk.oldStart <= 1;
  const atEnd = lastTag(hunk) !== ' ';
  if (atStart && atEnd) return { at: last === 0 ? 0 : null, rule: 'a hunk from line 1 with no context after its changes must match the whole file' };
  if (atStart) return { at: 0, rule: 'a hunk from line 1 must match at the start of the file' };
  if (atEnd) return { at: last, rule: 'a hunk with no context after its changes must match at the end of the file' };
  return null;
}

/** The tag of the hunk's last line, "\ No newline" lines passed over. */
function lastTag(hunk: Hunk): string | null {
  for (let line = hunk.end - 1; line >= hunk.first; line--) {
    const tag = hunk.tagAt(line);
    if (tag !== null) return tag;
  }
  return null;
}

/** The nearest line index to `start`, within [from, last], where the hunk fits; null when none. */
function search(start: number, from: number, last: number, fits: (at: number) => boolean): number | null {
  const first = Math.min(start, last);
  for (let distance = 0; first - distance >= from || first + distance <= last; distance++) {
    if (fits(first + distance)) return first + distance;
    if (distance > 0 && fits(first - distance)) return first - distance;
  }
  return null;
}

/** Whether the old lines are at line index `at`; each line compared is spent from the budget. */
function matches(f: FileLines, old: Side, at: number, budget: SearchBudget): boolean {
  for (let i = 0; i < old.length; i++) {
    if (budget.used >= budget.limit) throw SPENT;
    budget.used++;
    if (!sameLine(f, at + i, old, i)) return false;
  }
  return true;
}

function sameLine(f: FileLines, n: number, side: Side, i: number): boolean {
  const start = f.starts[n] ?? 0;
  const end = f.starts[n + 1] ?? 0;
  const hasNewline = end > start && f.file[end - 1] === 10;
  const wantNewline = !(side.noNewlineAtEnd && i === side.length - 1);
  if (hasNewline !== wantNewline) return false;
  const contentEnd = hasNewline ? end - 1 : end;
  const wantStart = side.starts[i] ?? 0;
  const wantEnd = side.ends[i] ?? 0;
  if (wantEnd - wantStart !== contentEnd - start) return false;
  return side.bytes.compare(f.file, start, contentEnd, wantStart, wantEnd) === 0;
}

/** Why a hunk does not apply, told at the line its header points to. */
function explain(f: FileLines, old: Side, expected: number, from: number, anchor: Anchor | null, found: number | null): Failure {
  if (anchor !== null && found !== null) return { reason: `its lines are at line ${found + 1}, but ${anchor.rule}`, line: found + 1 };
  const at = Math.max(expected, from);
  const mismatch = mismatchAt(f, old, at);
  if (mismatch !== null) return mismatch;
  if (anchor !== null) return { reason: `its lines are at line ${at + 1}, but ${anchor.rule}`, line: at + 1 };
  return { reason: `it adds lines after line ${at}, but the file ends at line ${f.count}`, line: at };
}

/** Null when the old lines are at line index `at`, else the first line that differs, said plainly. */
function mismatchAt(f: FileLines, old: Side, at: number): Failure | null {
  for (let i = 0; i < old.length; i++) {
    const want = old.bytes.subarray(old.starts[i] ?? 0, old.ends[i] ?? 0);
    const wantNewline = !(old.noNewlineAtEnd && i === old.length - 1);
    const n = at + i;
    const line = n + 1;
    const start = f.starts[n];
    const end = f.starts[n + 1];
    if (n >= f.count || start === undefined || end === undefined) {
      return { reason: `line ${line} expected ${show(want)} but the file ${f.count === 0 ? 'is empty' : `ends at line ${f.count}`}`, line };
    }
    const hasNewline = f.file[end - 1] === 10;
    const content = f.file.subarray(start, hasNewline ? end - 1 : end);
    if (!content.equals(want)) return { reason: `line ${line} expected ${show(want)} but the file has ${show(content)}`, line };
    if (hasNewline && !wantNewline) {
      const more = line < f.count ? `the file goes on after it` : 'the file has a newline after it';
      return { reason: `line ${line} expected ${show(want)} to end the file without a newline, but ${more}`, line };
    }
    if (!hasNewline && wantNewline) return { reason: `line ${line} expected ${show(want)} followed by a newline, but the file ends there without one`, line };
  }
  return null;
}
