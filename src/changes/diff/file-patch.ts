/**
 * What a parsed diff says: for each file, which file it was, which it becomes, and the hunks
 * that change it. A hunk's lines stay where they are in the diff's buffer (offsets, see
 * DiffText); `lines` makes them into buffers only for whoever asks, a test or a small tool.
 */
import type { DiffText } from './diff-text.js';

export type LineTag = ' ' | '-' | '+';

export interface HunkLine {
  readonly tag: LineTag;
  /** The line's bytes without its tag and without "\n"; the "\r" of a CRLF line stays. */
  readonly content: Buffer;
}

const TAG_OF: Readonly<Record<number, LineTag>> = { 32: ' ', 45: '-', 43: '+' };
const BACKSLASH = 92;

export interface HunkHeader {
  /** As written in the diff, for messages: "@@ -10,4 +10,5 @@". */
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** 1-based line of the diff holding the header. */
  readonly diffLine: number;
}

export class Hunk implements HunkHeader {
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly diffLine: number;

  constructor(
    head: HunkHeader,
    readonly text: DiffText,
    /** The diff lines of the body, [first, end), 0-based; "\ No newline" lines among them. */
    readonly first: number,
    readonly end: number,
    /** "\ No newline at end of file" follows the hunk's last old (' ' or '-') line. */
    readonly oldNoNewlineAtEnd: boolean,
    /** "\ No newline at end of file" follows the hunk's last new (' ' or '+') line. */
    readonly newNoNewlineAtEnd: boolean,
  ) {
    ({ header: this.header, oldStart: this.oldStart, oldLines: this.oldLines, newStart: this.newStart, newLines: this.newLines, diffLine: this.diffLine } = head);
  }

  /** The tag of body line `line` (a diff line index), or null for a "\ No newline" line. An empty line is context. */
  tagAt(line: number): LineTag | null {
    const first = this.text.firstByte(line);
    if (first === -1) return ' ';
    if (first === BACKSLASH) return null;
    return TAG_OF[first] ?? null;
  }

  /** Where the content of body line `line` is in the diff's bytes, without its tag. */
  contentStart(line: number): number {
    return this.text.firstByte(line) === -1 ? this.text.start(line) : this.text.start(line) + 1;
  }

  contentEnd(line: number): number {
    return this.text.end(line);
  }

  /** The diff lines of one side, in order: old (' ' and '-') or new (' ' and '+'). */
  side(which: 'old' | 'new'): Uint32Array {
    const drop: LineTag = which === 'old' ? '+' : '-';
    const lines = new Uint32Array(which === 'old' ? this.oldLines : this.newLines);
    let n = 0;
    for (let line = this.first; line < this.end; line++) {
      const tag = this.tagAt(line);
      if (tag !== null && tag !== drop) lines[n++] = line;
    }
    return lines.subarray(0, n);
  }

  /** Every line as its own buffer: for tests and messages, never on the way through intake. */
  get lines(): HunkLine[] {
    const out: HunkLine[] = [];
    for (let line = this.first; line < this.end; line++) {
      const tag = this.tagAt(line);
      if (tag !== null) out.push({ tag, content: this.text.bytes.subarray(this.contentStart(line), this.contentEnd(line)) });
    }
    return out;
  }
}

export interface FilePatch {
  /** The file before the change; null when the diff creates it. */
  readonly oldPath: string | null;
  /** The file after the change; null when the diff deletes it. Differs from oldPath for a rename or copy. */
  readonly newPath: string | null;
  /** A copy leaves oldPath as it is; a rename removes it. */
  readonly copy: boolean;
  /** Abbreviated git blob id of the old content, from git's "index" line; null without one. */
  readonly oldBlob: string | null;
  /** None for a mode change, a pure rename or copy, or an empty file created or deleted. */
  readonly hunks: readonly Hunk[];
  /** 1-based line of the diff where this file's part starts. */
  readonly diffLine: number;
}
