/** The pieces unified-diff.ts is made of, each on its own: the line table, names, one hunk. */
import { describe, expect, it } from 'vitest';
import { backupPair, gitHeaderNames, isEpoch, show, stripFirst, unquote } from '../../../src/changes/diff/diff-names.js';
import { DiffText } from '../../../src/changes/diff/diff-text.js';
import { readHunk } from '../../../src/changes/diff/hunk-reader.js';
import { UsageError } from '../../../src/errors/usage-error.js';

const fail = (line: number, message: string): never => {
  throw new UsageError(`${line}: ${message}`);
};

describe('DiffText', () => {
  it('indexes lines as offsets into the one buffer, with or without a final newline, CRLF kept in raw and cut in head', () => {
    const bytes = Buffer.from('a\r\n\nlast');
    const text = new DiffText(bytes, 'd', 10);
    expect(text.count).toBe(3);
    expect([0, 1, 2].map((i) => [text.start(i), text.end(i)])).toEqual([
      [0, 2],
      [3, 3],
      [4, 8],
    ]);
    expect(text.raw(0)).toBe('a\r');
    expect(text.head(0)).toBe('a');
    expect(text.firstByte(1)).toBe(-1);
    expect(text.raw(3)).toBeUndefined();
    expect(text.startsWith(2, 'la')).toBe(true);
    expect(text.startsWith(2, 'last!')).toBe(false);
    expect(text.bytes).toBe(bytes);
  });

  it('refuses more lines than its cap while counting, before any table is made', () => {
    expect(() => new DiffText(Buffer.from('a\nb\nc\n'), 'd', 2)).toThrow('d: more than 2 lines, the limit for a diff');
    expect(() => new DiffText(Buffer.from('a\nb\nc'), 'd', 2)).toThrow('d: more than 2 lines, the limit for a diff');
    expect(new DiffText(Buffer.from('a\nb\n'), 'd', 2).count).toBe(2);
  });
});

describe('diff names', () => {
  it('unquotes C-style names, octal escapes as bytes', () => {
    expect(unquote('"caf\\303\\251 \\"x\\".txt" rest', 0)).toEqual({ value: 'caf\xc3\xa9 "x".txt', end: 23 });
    expect(unquote('"bad \\q"', 0)).toBeNull();
    expect(unquote('"unterminated', 0)).toBeNull();
  });

  it('splits a "diff --git" line, quoted or with spaces, or says it cannot', () => {
    expect(gitHeaderNames('a/x.py b/x.py', 1).map((n) => n.bytes)).toEqual(['a/x.py', 'b/x.py']);
    expect(gitHeaderNames('a/my file b/my file', 1)?.map((n) => n.bytes)).toEqual(['a/my file', 'b/my file']);
    expect(gitHeaderNames('"a/t\\tb" "b/t\\tb"', 3)).toEqual([
      { bytes: 'a/t\tb', line: 3 },
      { bytes: 'b/t\tb', line: 3 },
    ]);
    expect(gitHeaderNames('a/one two b/three four', 1)).toBeNull();
  });

  it('strips prefixes, finds backup pairs and the epoch of diff -N', () => {
    expect(stripFirst('a/src/x')).toBe('src/x');
    expect(stripFirst('x')).toBeNull();
    expect(backupPair('calc.py.orig', 'calc.py')).toBe('calc.py');
    expect(backupPair('a.py', 'b.py')).toBeNull();
    expect(isEpoch('1970-01-01 00:00:00.000000000 +0000')).toBe(true);
    expect(isEpoch('1970-01-01 01:00:00 +0100')).toBe(true);
    expect(isEpoch('2024-05-01 10:00:00 +0000')).toBe(false);
  });

  it('shows at most 120 characters of a line, whatever its length, decoding only what it shows', () => {
    expect(show('plain')).toBe('"plain"');
    expect(show(Buffer.from('x'.repeat(10_000_000)))).toBe(`"${'x'.repeat(120)}…"`);
    expect(show('é'.repeat(300))).toBe(JSON.stringify(`${Buffer.from('é'.repeat(300), 'latin1').toString('utf8').slice(0, 120)}…`));
  });
});

describe('readHunk', () => {
  it('reads a body in place: tags, sides and the no-newline markers, as offsets into the diff', () => {
    const text = new DiffText(Buffer.from('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\nafter\n'), 'd', 100);
    const { hunk, added, next } = readHunk(text, 0, 'f', fail);
    expect(next).toBe(6);
    expect(added).toBe(2);
    expect([hunk.first, hunk.end]).toEqual([1, 6]);
    expect(hunk.oldNoNewlineAtEnd && hunk.newNoNewlineAtEnd).toBe(true);
    expect([...hunk.side('old')]).toEqual([1, 2]);
    expect([...hunk.side('new')]).toEqual([1, 4]);
    expect(hunk.lines.map((l) => `${l.tag}${l.content.toString()}`)).toEqual([' a', '-b', '+c']);
    expect(hunk.lines[0]?.content.buffer).toBe(text.bytes.buffer);
  });

  it('refuses a body shorter than its header counts, naming the hunk', () => {
    const text = new DiffText(Buffer.from('@@ -1,3 +1,3 @@\n a\n'), 'd', 100);
    expect(() => readHunk(text, 0, '"f"', fail)).toThrow('2: the diff ends inside hunk @@ -1,3 +1,3 @@ of "f" (line 1): its header counts 3 old and 3 new lines, 2 old and 2 new are missing');
  });

  it('refuses a line with another tag, showing it cut', () => {
    const text = new DiffText(Buffer.from(`@@ -1 +1 @@\n*${'z'.repeat(500)}\n`), 'd', 100);
    expect(() => readHunk(text, 0, '"f"', fail)).toThrow(`2: expected a line of hunk @@ -1 +1 @@ of "f" (line 1) (starting with " ", "-" or "+"), found "*${'z'.repeat(119)}…"`);
  });
});
