import { describe, expect, it } from 'vitest';
import { changedLines, splitLines } from '../../../src/coverage/line-diff.js';

const text = (...lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/** The LCS length by dynamic programming, to check the diff against on random inputs. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

describe('changedLines', () => {
  it('counts every line of a new file', () => {
    expect(changedLines(null, text('a', 'b', 'c'))).toEqual({ lines: [1, 2, 3], exact: true });
  });

  it('finds nothing when the content is the same, and ignores a missing final newline only at the end', () => {
    expect(changedLines(text('a', 'b'), text('a', 'b')).lines).toEqual([]);
    expect(changedLines('a\nb', text('a', 'b')).lines).toEqual([]);
    expect(changedLines('a\r\nb\r\n', text('a', 'b')).lines).toEqual([]);
  });

  it('names added lines in the middle, at the start and at the end', () => {
    expect(changedLines(text('a', 'b', 'c'), text('a', 'x', 'y', 'b', 'c')).lines).toEqual([2, 3]);
    expect(changedLines(text('a', 'b'), text('x', 'a', 'b')).lines).toEqual([1]);
    expect(changedLines(text('a', 'b'), text('a', 'b', 'z')).lines).toEqual([3]);
  });

  it('names a modified line as changed and a deletion as nothing in the new file', () => {
    expect(changedLines(text('a', 'b', 'c'), text('a', 'B', 'c')).lines).toEqual([2]);
    expect(changedLines(text('a', 'b', 'c', 'd'), text('a', 'd')).lines).toEqual([]);
  });

  it('keeps moved-around repeated lines apart (two edited regions in one file)', () => {
    const before = text('def f():', '    return 1', '', 'def g():', '    return 1', '');
    const after = text('def f():', '    return 2', '', 'def g():', '    return 1', '', 'def h():', '    return 1');
    expect(changedLines(before, after).lines).toEqual([2, 7, 8]);
  });

  it('inserts exactly as many lines as an LCS leaves over, on random edits', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: random(30) }, () => String.fromCharCode(97 + random(4)));
      const b = a.filter(() => random(4) !== 0).flatMap((line) => (random(5) === 0 ? [line, String.fromCharCode(97 + random(4))] : [line]));
      const result = changedLines(text(...a), text(...b));
      expect(result.exact).toBe(true);
      expect(result.lines.length).toBe(b.length - lcsLength(a, b));
      // What is left of the new file after taking the changed lines out is a subsequence of the old.
      const kept = b.filter((_, i) => !result.lines.includes(i + 1));
      let j = 0;
      for (const line of a) if (j < kept.length && kept[j] === line) j++;
      expect(j).toBe(kept.length);
    }
  });

  it('gives up on a huge rewrite within its bounds and counts the whole middle, never fewer lines', () => {
    const before = Array.from({ length: 5_000 }, (_, i) => `old ${i}`);
    const after = ['same', ...Array.from({ length: 5_000 }, (_, i) => `new ${i}`), 'end'];
    const result = changedLines(text('same', ...before, 'end'), text(...after), { maxEdits: 100, maxSteps: 1_000_000 });
    expect(result.exact).toBe(false);
    expect(result.lines.length).toBe(5_000);
    expect(result.lines[0]).toBe(2);
    expect(result.lines.at(-1)).toBe(5_001);
  });

  it('stays exact on a large file with a few scattered edits', () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10] = 'edited';
    after.splice(30_000, 0, 'added');
    after[49_000] = 'edited too';
    const result = changedLines(text(...before), text(...after));
    expect(result).toEqual({ lines: [11, 30_001, 49_001], exact: true });
  });

  it('splits lines as editors number them', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
  });
});
