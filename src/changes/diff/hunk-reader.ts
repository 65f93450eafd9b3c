/**
 * One hunk of a unified diff: its "@@ -a,b +c,d @@" header, then exactly as many old and new
 * lines as the header counts, "\ No newline at end of file" markers among them. The body is
 * checked byte by byte where it lies in the diff's buffer; no line becomes a string or a buffer,
 * and a message is built only when there is something to refuse.
 */
import type { DiffText, Fail } from './diff-text.js';
import { show } from './diff-names.js';
import { Hunk } from './file-patch.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const SPACE = 32;
const MINUS = 45;
const PLUS = 43;
const BACKSLASH = 92;

/** Reads the hunk whose header is diff line `at` (0-based); `next` is the line after it. */
export function readHunk(text: DiffText, at: number, label: string, fail: Fail): { hunk: Hunk; added: number; next: number } {
  const diffLine = at + 1;
  const head = text.head(at) ?? '';
  const match = HUNK_HEADER.exec(head);
  if (match === null) fail(diffLine, `malformed hunk header ${show(head)} (expected "@@ -start,count +start,count @@")`);
  const header = match[0];
  const oldStart = Number(match[1]);
  const oldLines = match[2] === undefined ? 1 : Number(match[2]);
  const newStart = Number(match[3]);
  const newLines = match[4] === undefined ? 1 : Number(match[4]);
  if (![oldStart, oldLines, newStart, newLines].every((n) => n <= 2 ** 31)) fail(diffLine, `hunk header ${show(head)} has a number too large`);
  if ((oldStart === 0 && oldLines > 0) || (newStart === 0 && newLines > 0)) fail(diffLine, `hunk header ${header} starts at line 0 but counts lines there`);
  let line = at + 1;
  const first = line;
  let oldLeft = oldLines;
  let newLeft = newLines;
  let oldNoNewline = false;
  let newNoNewline = false;
  let lastTag = 0;
  let added = 0;
  // Built only when a message needs it: a hunk that is fine costs no string.
  const counted = (): string => `hunk ${header} of ${label} (line ${diffLine})`;
  while (oldLeft > 0 || newLeft > 0 || text.firstByte(line) === BACKSLASH) {
    const lineNo = line + 1;
    if (line >= text.count) {
      fail(lineNo - 1, `the diff ends inside ${counted()}: its header counts ${oldLines} old and ${newLines} new lines, ${oldLeft} old and ${newLeft} new are missing`);
    }
    const byte = text.firstByte(line);
    if (byte === BACKSLASH) {
      if (lastTag === 0) fail(lineNo, `"\\ No newline at end of file" before any line of ${counted()}`);
      if (lastTag !== PLUS) {
        if (oldNoNewline) fail(lineNo, `a second "\\ No newline at end of file" in ${counted()}`);
        oldNoNewline = true;
      }
      if (lastTag !== MINUS) {
        if (newNoNewline) fail(lineNo, `a second "\\ No newline at end of file" in ${counted()}`);
        newNoNewline = true;
      }
      line++;
      continue;
    }
    // git, like patch, reads an empty line as an unchanged empty line whose space an editor dropped.
    const tag = byte === -1 ? SPACE : byte;
    if (tag !== SPACE && tag !== MINUS && tag !== PLUS) {
      fail(lineNo, `expected a line of ${counted()} (starting with " ", "-" or "+"), found ${show(text.raw(line) ?? '')}: its header counts ${oldLeft} old and ${newLeft} new lines still to come`);
    }
    if (tag !== PLUS && oldLeft === 0) fail(lineNo, `${counted()} has more unchanged and removed lines than the ${oldLines} old lines its header counts`);
    if (tag !== MINUS && newLeft === 0) fail(lineNo, `${counted()} has more unchanged and added lines than the ${newLines} new lines its header counts`);
    if ((tag !== PLUS && oldNoNewline) || (tag !== MINUS && newNoNewline)) {
      fail(lineNo, `a line of ${counted()} comes after "\\ No newline at end of file", which only the last line can have`);
    }
    if (tag !== PLUS) oldLeft--;
    if (tag !== MINUS) newLeft--;
    // The added line's bytes, its "\n" included: what it adds to the file.
    if (tag === PLUS) added += text.end(line) - text.start(line);
    lastTag = tag;
    line++;
  }
  const hunk = new Hunk({ header, oldStart, oldLines, newStart, newLines, diffLine }, text, first, line, oldNoNewline, newNoNewline);
  return { hunk, added, next: line };
}
