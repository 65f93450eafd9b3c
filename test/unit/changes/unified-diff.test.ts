// Over 300 lines: one case per diff form the parser reads or refuses (git, diff -u, diff -ruN,
// quoting, renames, limits), against one parser.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeLimits } from '../../../src/changes/changes-file.js';
import { readDiffFile } from '../../../src/changes/read-patch-file.js';
import { diffSizeLimit, type FilePatch, parseUnifiedDiff } from '../../../src/changes/unified-diff.js';
import { InputError } from '../../../src/errors/input-error.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { TempDirs } from '../../support/temp-dirs.js';

const ROOMY: ChangeLimits = { maxFiles: 100, maxFileBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };
/** Made by test/fixtures/diffs/make-fixtures.sh with git diff, diff -u and diff -ruN. */
const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'diffs');

function fixtureDiff(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/** What each part of a diff does, in one line: "old -> new (copy) [hunk headers]". */
function summary(patches: readonly FilePatch[]): string[] {
  return patches.map((p) => `${p.oldPath ?? '(new)'} -> ${p.newPath ?? '(deleted)'}${p.copy ? ' (copy)' : ''} [${p.hunks.map((h) => h.header).join(' ')}]`);
}

function refusal(diff: string | Buffer, limits: ChangeLimits = ROOMY): InputError {
  try {
    parseUnifiedDiff(diff, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`parseUnifiedDiff accepted ${JSON.stringify(diff.toString())}`);
}

const text = (content: Buffer): string => content.toString('latin1');

describe('parseUnifiedDiff on real diffs', () => {
  it.each([
    ['git-modify', ['README.md -> README.md [@@ -1,3 +1,3 @@]', 'src/calc.py -> src/calc.py [@@ -1,5 +1,5 @@ @@ -10,3 +10,7 @@]', 'src/long.txt -> src/long.txt [@@ -2,7 +2,7 @@ @@ -17,7 +17,7 @@ @@ -27,7 +27,6 @@ @@ -38,3 +37,4 @@]']],
    [
      'git-new-delete',
      ['empty-gone -> (deleted) []', '(new) -> empty-new []', 'no-end-gone.txt -> (deleted) [@@ -1 +0,0 @@]', '(new) -> no-end-new.txt [@@ -0,0 +1 @@]', 'old/gone.py -> (deleted) [@@ -1 +0,0 @@]', '(new) -> pkg/sub/new.py [@@ -0,0 +1,2 @@]'],
    ],
    [
      'git-rename',
      ['tool.sh -> bin/tool.sh []', 'template.cfg -> copy.cfg (copy) [@@ -7,4 +7,4 @@]', 'lib/engine.py -> core/engine.py [@@ -9,4 +9,4 @@]', 'docs/guide.md -> docs/manual/guide.md []', 'run.sh -> run.sh []'],
    ],
    ['git-quoted', ['café.txt -> café.txt [@@ -1 +1 @@]', 'old name.txt -> nouveau nom é.txt [@@ -8,3 +8,4 @@]', 'with space.txt -> with space.txt [@@ -1 +1 @@]', '(new) -> 日本/ファイル.txt [@@ -0,0 +1 @@]']],
    ['git-no-prefix', ['a/b.txt -> a/b.txt [@@ -1 +1 @@]', '(new) -> b/new.txt [@@ -0,0 +1 @@]', 'gone.txt -> (deleted) [@@ -1 +0,0 @@]', 'main.go -> main.go [@@ -1,3 +1,5 @@]']],
    ['git-mnemonic', ['a/b.txt -> a/b.txt [@@ -1 +1 @@]', '(new) -> b/new.txt [@@ -0,0 +1 @@]', 'gone.txt -> (deleted) [@@ -1 +0,0 @@]', 'main.go -> main.go [@@ -1,3 +1,5 @@]']],
    ['git-unified-zero', ['list.txt -> list.txt [@@ -0,0 +1 @@ @@ -10 +11 @@ @@ -20 +20,0 @@ @@ -25,0 +26 @@]']],
    [
      'diff-ruN',
      ['café.txt -> café.txt [@@ -1 +1 @@]', 'gone.txt -> (deleted) [@@ -1 +0,0 @@]', 'src/calc.py -> src/calc.py [@@ -1,5 +1,5 @@ @@ -10,3 +10,7 @@]', '(new) -> src/new/fresh.txt [@@ -0,0 +1 @@]', 'with space.txt -> with space.txt [@@ -1 +1,2 @@]'],
    ],
    ['diff-u-p0', ['calc.py -> calc.py [@@ -1,5 +1,5 @@ @@ -10,3 +10,7 @@]', 'docs/notes.txt -> docs/notes.txt [@@ -1 +1 @@]']],
  ])('reads what each file of %s is and the hunks that change it', (name, expected) => {
    expect(summary(parseUnifiedDiff(fixtureDiff(`apply/${name}/patch.diff`), ROOMY))).toEqual(expected);
  });

  it('reads a hunk: its numbers, its tagged lines and the diff lines it sits on', () => {
    const patches = parseUnifiedDiff(fixtureDiff('apply/git-modify/patch.diff'), ROOMY);
    const calc = patches[1];
    expect(calc).toMatchObject({ oldPath: 'src/calc.py', newPath: 'src/calc.py', copy: false, oldBlob: '5bbaa4f', diffLine: 10 });
    const hunk = calc?.hunks[1];
    expect(hunk).toMatchObject({ header: '@@ -10,3 +10,7 @@', oldStart: 10, oldLines: 3, newStart: 10, newLines: 7, diffLine: 21, oldNoNewlineAtEnd: false, newNoNewlineAtEnd: false });
    expect(hunk?.lines.map((l) => `${l.tag}${text(l.content)}`)).toEqual([
      '     """Adds two numbers."""',
      '     # works for ints and floats alike',
      '     return a+b',
      '+',
      '+',
      '+def mul(a, b):',
      '+    return a * b',
    ]);
  });

  it('counts a missing count as 1 and reads an empty old or new side', () => {
    const [list] = parseUnifiedDiff(fixtureDiff('apply/git-unified-zero/patch.diff'), ROOMY);
    expect(list?.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [0, 0, 1, 1],
      [10, 1, 11, 1],
      [20, 1, 20, 0],
      [25, 0, 26, 1],
    ]);
  });

  it('marks which side has no newline at the end of the file', () => {
    const flags = parseUnifiedDiff(fixtureDiff('apply/git-newline/patch.diff'), ROOMY).map((p) => [p.newPath, p.hunks[0]?.oldNoNewlineAtEnd, p.hunks[0]?.newNoNewlineAtEnd]);
    expect(flags).toEqual([
      ['appended.txt', true, true],
      ['gains-newline.txt', true, false],
      ['loses-newline.txt', false, true],
      ['never-newline.txt', true, true],
      ['untouched-end.txt', false, false],
    ]);
  });

  it('keeps the carriage return of CRLF lines in their content', () => {
    const windows = parseUnifiedDiff(fixtureDiff('apply/git-crlf/patch.diff'), ROOMY).find((p) => p.newPath === 'windows.txt');
    expect(windows?.hunks[0]?.lines.map((l) => `${l.tag}${text(l.content)}`)).toEqual([' alpha\r', '-beta\r', '+BETA\r', ' gamma\r', ' delta\r', '+epsilon\r']);
  });

  it('keeps the bytes of non-ASCII lines as they are', () => {
    const [cafe] = parseUnifiedDiff(fixtureDiff('apply/git-quoted/patch.diff'), ROOMY);
    expect(cafe?.hunks[0]?.lines.map((l) => l.content.toString('utf8'))).toEqual(['crème', 'crème brûlée']);
  });

  it.each([
    ['git-binary.diff', 'git-binary.diff:3: "logo.png" is a binary change, which a diff cannot carry: send binary files as "contentBase64" in a changes file'],
    ['git-binary-patch.diff', 'git-binary-patch.diff:3: "logo.png" is a binary change, which a diff cannot carry: send binary files as "contentBase64" in a changes file'],
    ['diff-binary.diff', 'diff-binary.diff:1: "logo.png" is a binary change, which a diff cannot carry: send binary files as "contentBase64" in a changes file'],
    ['diff-only-in.diff', 'diff-only-in.diff:1: "Only in after: added.txt": the diff leaves out files that exist on one side only; make it with diff -ruN (or git diff)'],
    ['git-symlink.diff', 'git-symlink.diff:2: "link" is a symlink (mode 120000); a proposal can only change regular files'],
  ])('refuses %s, saying why and what to send instead', (name, message) => {
    let error: unknown;
    try {
      parseUnifiedDiff(fixtureDiff(`refused/${name}`), ROOMY, name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(message);
  });
});

describe('parseUnifiedDiff on diffs written by hand', () => {
  it('strips a/ and b/ from plain ---/+++ lines, with or without /dev/null', () => {
    const diff = '--- a/src/x.py\n+++ b/src/x.py\n@@ -1 +1 @@\n-a\n+b\n--- /dev/null\n+++ b/src/new.py\n@@ -0,0 +1 @@\n+n\n';
    expect(summary(parseUnifiedDiff(diff, ROOMY))).toEqual(['src/x.py -> src/x.py [@@ -1 +1 @@]', '(new) -> src/new.py [@@ -0,0 +1 @@]']);
  });

  it('takes a lone /dev/null part with no prefix as it is', () => {
    expect(summary(parseUnifiedDiff('--- /dev/null\n+++ src/new.py\n@@ -0,0 +1 @@\n+n\n', ROOMY))).toEqual(['(new) -> src/new.py [@@ -0,0 +1 @@]']);
  });

  it('keeps names that are the same on both sides as they are (-p0)', () => {
    expect(summary(parseUnifiedDiff('--- src/x.py\n+++ src/x.py\n@@ -1 +1 @@\n-a\n+b\n', ROOMY))).toEqual(['src/x.py -> src/x.py [@@ -1 +1 @@]']);
  });

  it('reads the epoch time of diff -N as a missing file in any time zone', () => {
    const diff = '--- old/new.txt\t1969-12-31 19:00:00.000000000 -0500\n+++ new/new.txt\t2024-01-02 03:04:05.000000000 -0500\n@@ -0,0 +1 @@\n+n\n';
    expect(summary(parseUnifiedDiff(diff, ROOMY))).toEqual(['(new) -> new.txt [@@ -0,0 +1 @@]']);
  });

  it('reads an empty line inside a hunk as an unchanged empty line, as git does', () => {
    const [patch] = parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n', ROOMY);
    expect(patch?.hunks[0]?.lines.map((l) => `${l.tag}${text(l.content)}`)).toEqual([' a', ' ', '-b', '+c']);
  });

  it('tolerates CRLF header lines but keeps hunk lines as written', () => {
    const [patch] = parseUnifiedDiff('diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n', ROOMY);
    expect(patch?.newPath).toBe('f');
    expect(patch?.hunks[0]?.lines.map((l) => text(l.content))).toEqual(['a\r', 'b\r']);
  });

  it('decodes git quoting: escaped quotes and octal UTF-8 bytes', () => {
    const diff = 'diff --git "a/say \\"hi\\" \\303\\251.txt" "b/say \\"hi\\" \\303\\251.txt"\nnew file mode 100644\nindex 0000000..e69de29\n';
    expect(summary(parseUnifiedDiff(diff, ROOMY))).toEqual(['(new) -> say "hi" é.txt []']);
  });

  it('tells the two names of an unquoted "diff --git" line with spaces apart', () => {
    expect(summary(parseUnifiedDiff('diff --git a/my file.txt b/my file.txt\nold mode 100644\nnew mode 100755\n', ROOMY))).toEqual(['my file.txt -> my file.txt []']);
  });

  it('reads the old git "rename old/new" spelling', () => {
    expect(summary(parseUnifiedDiff('diff --git a/x b/y\nsimilarity index 100%\nrename old x\nrename new y\n', ROOMY))).toEqual(['x -> y []']);
  });
});

describe('parseUnifiedDiff refuses', () => {
  it.each([
    ['an empty diff', ''],
    ['a diff of blank lines', '\n \n\n'],
  ])('%s', (_what, diff) => {
    expect(refusal(diff).message).toBe('diff: the diff is empty, it holds no changes');
  });

  it('text before the first file, naming line 1', () => {
    const error = refusal('Here is my patch:\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n');
    expect(error.message).toBe('diff:1: expected a file\'s diff to start here ("diff --git ..." or "--- ..."), found "Here is my patch:"');
    expect(error.context).toEqual({ line: 1 });
  });

  it('a diff in markdown fences or with terminal colours, saying what to do', () => {
    expect(refusal('```diff\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n```\n').message).toMatch(/^diff:1: .*found "```diff" \(leave out the ``` fences around the diff\)$/);
    expect(refusal('\x1b[1mdiff --git a/f b/f\x1b[m\n').message).toMatch(/\(the diff has terminal colour codes: make it with --no-color\)$/);
  });

  it('garbage between two files, naming the line and the hunk before it', () => {
    const error = refusal('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\nsome words\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n');
    expect(error.message).toBe('diff:6: unexpected "some words" after hunk @@ -1 +1 @@ of "b/f" (line 3): its header counts 1 old and 1 new lines, which end at line 5');
  });

  it('a hunk with more lines than its header counts', () => {
    const extra = refusal('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n');
    expect(extra.message).toBe('diff:7: unexpected "+d" after hunk @@ -1,2 +1,2 @@ of "b/f" (line 3): its header counts 2 old and 2 new lines, which end at line 6');
    const lopsided = refusal('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n-x\n+c\n');
    expect(lopsided.message).toBe('diff:6: hunk @@ -1,2 +1,2 @@ of "b/f" (line 3) has more unchanged and removed lines than the 2 old lines its header counts');
  });

  it('a hunk with fewer lines than its header counts, at the end of the diff', () => {
    const error = refusal('--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n');
    expect(error.message).toBe('diff:6: the diff ends inside hunk @@ -1,3 +1,3 @@ of "b/f" (line 3): its header counts 3 old and 3 new lines, 1 old and 1 new are missing');
  });

  it('a hunk with fewer lines than its header counts, running into the next file', () => {
    const error = refusal('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ndiff --git a/g b/g\n');
    expect(error.message).toBe(
      'diff:8: expected a line of hunk @@ -1,3 +1,3 @@ of "f" (line 4) (starting with " ", "-" or "+"), found "diff --git a/g b/g": its header counts 1 old and 1 new lines still to come',
    );
  });

  it('a malformed hunk header', () => {
    expect(refusal('--- a/f\n+++ b/f\n@@ -1,2 +1,2\n a\n').message).toBe('diff:3: malformed hunk header "@@ -1,2 +1,2" (expected "@@ -start,count +start,count @@")');
    expect(refusal('--- a/f\n+++ b/f\n@@ -0,1 +1 @@\n-a\n+b\n').message).toBe('diff:3: hunk header @@ -0,1 +1 @@ starts at line 0 but counts lines there');
  });

  it('"---" and "+++" lines with no hunk, or a "---" line without "+++"', () => {
    expect(refusal('--- a/f\n+++ b/f\n').message).toBe('diff:3: expected a hunk ("@@ -start,count +start,count @@") for "b/f", found the end of the diff');
    expect(refusal('--- a/f\n@@ -1 +1 @@\n').message).toMatch(/^diff:2: expected a "\+\+\+ " line after the "--- " line 1, found "@@ -1 \+1 @@"/);
  });

  it('hunks out of order or overlapping', () => {
    const error = refusal('--- a/f\n+++ b/f\n@@ -5,2 +5,2 @@\n a\n-b\n+c\n@@ -4,2 +4,2 @@\n a\n-b\n+c\n');
    expect(error.message).toBe('diff:7: hunk @@ -4,2 +4,2 @@ of "b/f" overlaps or comes before the hunk above it (@@ -5,2 +5,2 @@)');
  });

  it.each([
    ['before any line', '--- a/f\n+++ b/f\n@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n', /^diff:4: "\\ No newline at end of file" before any line/],
    ['followed by a line of its side', '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n\\ No newline at end of file\n-b\n+c\n+d\n', /^diff:6: a line of hunk .* comes after "\\ No newline at end of file"/],
    ['in a hunk that is not the last', '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n@@ -5 +5 @@\n-a\n+b\n', /^diff:7: hunk @@ -5 \+5 @@ follows a hunk of "b\/f" that ends the file/],
  ])('"\\ No newline at end of file" %s', (_where, diff, message) => {
    expect(refusal(diff).message).toMatch(message);
  });

  it('a diff that changes the same file twice', () => {
    const part = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n';
    expect(refusal(part + part).message).toBe('diff:7: "f" is changed twice: the part at line 1 changes it too');
  });

  it('a rename onto a file another part changes', () => {
    const diff = 'diff --git a/x b/y\nsimilarity index 100%\nrename from x\nrename to y\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n';
    expect(refusal(diff).message).toBe('diff:5: "y" is changed twice: the part at line 1 changes it too');
  });

  it('a file that another change needs as a folder', () => {
    const diff = '--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n--- /dev/null\n+++ b/x/y\n@@ -0,0 +1 @@\n+b\n';
    expect(refusal(diff).message).toBe('diff:5: "x/y" needs "x" to be a folder, but the diff also changes it as a file');
  });

  it.each([
    ['../x', /escapes the project \(contains \.\.\)/],
    ['src/../../x', /escapes the project/],
    ['.git/config', /is inside \.git\//],
    ['sub/.git/hooks/pre-commit', /is inside \.git\//],
    ['.patchproof/report.xml', /is inside \.patchproof\//],
    ['a//b', /is not normalised/],
    ['./a', /is not normalised/],
  ])('the path %j, naming the line', (path, reason) => {
    const git = refusal(`diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`);
    expect(git.message.startsWith(`diff:1: the path ${JSON.stringify(path)} `)).toBe(true);
    expect(git.message).toMatch(reason);
    expect(git.context).toEqual({ line: 1 });
    const plain = refusal(`--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+b\n`);
    expect(plain.message.startsWith(`diff:2: the path ${JSON.stringify(path)} `)).toBe(true);
  });

  it('an absolute path, in a plain diff', () => {
    expect(refusal('--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:2: the path "/etc/passwd" is absolute (paths are relative to the project root)');
  });

  it('a rename out of the project', () => {
    expect(refusal('diff --git a/x b/../y\nsimilarity index 100%\nrename from x\nrename to ../y\n').message).toBe('diff:4: the path "../y" escapes the project (contains ..)');
  });

  it('a path with a control character or bytes that are not UTF-8', () => {
    expect(refusal('diff --git "a/t\\tab" "b/t\\tab"\n--- "a/t\\tab"\n+++ "b/t\\tab"\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:1: the path "t\\tab" contains a control character');
    expect(refusal(Buffer.from('--- a/caf\xe9\n+++ b/caf\xe9\n@@ -1 +1 @@\n-a\n+b\n', 'latin1')).message).toBe('diff:2: the path "caf\uFFFD" is not valid UTF-8');
  });

  it('a plain diff whose two names are different files', () => {
    expect(refusal('--- one.txt\n+++ two.txt\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:1: "---" names "one.txt" and "+++" names "two.txt": a plain diff cannot rename a file (use git diff)');
  });

  it('git names that disagree with each other', () => {
    expect(refusal('diff --git a/f b/f\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:2: the "---" line names "a/g", but the header of this part names "f"');
    expect(refusal('diff --git a/f b/g\n--- a/f\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n').message).toBe(
      'diff:1: the "diff --git" line names two different files, but there is no "rename from"/"rename to"',
    );
  });

  it('a new file whose hunk expects lines already there, and a deletion that leaves some', () => {
    expect(refusal('--- /dev/null\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:3: "x" is a new file, but hunk @@ -1 +1 @@ expects lines already in it');
    expect(refusal('--- a/x\n+++ /dev/null\n@@ -1,2 +1 @@\n-a\n b\n').message).toBe('diff:3: "x" is deleted, but hunk @@ -1,2 +1 @@ leaves lines in it');
  });

  it('submodules and unknown file modes', () => {
    expect(refusal('diff --git a/lib b/lib\nindex 1234567..89abcde 160000\n--- a/lib\n+++ b/lib\n@@ -1 +1 @@\n-Subproject commit 1\n+Subproject commit 2\n').message).toBe(
      'diff:2: "lib" is a submodule (mode 160000); a proposal can only change regular files',
    );
    expect(refusal('diff --git a/x b/x\nnew file mode 040000\n').message).toBe('diff:2: "x" has file mode "040000"; a proposal can only change regular files');
  });

  it('a combined diff of a merge', () => {
    expect(refusal('diff --cc f\nindex 1,2..3\n').message).toBe('diff:1: a combined diff (of a merge) cannot be applied; diff against one parent');
  });

  it('an unknown line in a git header', () => {
    expect(refusal('diff --git a/f b/f\nfrobnicate 1\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n').message).toBe('diff:2: unexpected "frobnicate 1" in the header of "f" (line 1)');
  });

  it('a "diff -r" command line with no file after it', () => {
    expect(refusal('diff -ruN a/f b/f\nOnly in a: x\n').message).toBe('diff:2: expected a "--- " line after "diff -ruN a/f b/f", found "Only in a: x"');
  });
});

describe('parseUnifiedDiff limits', () => {
  const part = (name: string, added: string): string => `--- /dev/null\n+++ b/${name}\n@@ -0,0 +1 @@\n+${added}\n`;

  it('refuses more files than the limit, at the first one too many, and accepts exactly the limit', () => {
    const limits = { ...ROOMY, maxFiles: 2 };
    expect(parseUnifiedDiff(part('a', 'x') + part('b', 'x'), limits)).toHaveLength(2);
    expect(refusal(part('a', 'x') + part('b', 'x') + part('c', 'x'), limits).message).toBe('diff:9: the diff changes more than the limit of 2 files');
  });

  it('refuses a file whose added lines alone pass the file limit', () => {
    const limits = { ...ROOMY, maxFileBytes: 4 };
    expect(parseUnifiedDiff(part('a', 'abc'), limits)).toHaveLength(1);
    expect(refusal(part('a', 'ok') + part('b', 'abcd'), limits).message).toBe('diff:5: "b" gets 5 bytes of added lines, more than the limit of 4 for a file');
  });

  it('refuses added lines that together pass the total limit', () => {
    const limits = { ...ROOMY, maxTotalBytes: 8 };
    expect(parseUnifiedDiff(part('a', 'abc') + part('b', 'abc'), limits)).toHaveLength(2);
    expect(refusal(part('a', 'abc') + part('b', 'abcd'), limits).message).toBe('diff: the diff adds 9 bytes of lines, more than the limit of 8');
  });

  it('refuses a diff text larger than its limit before reading it', () => {
    const limits = { ...ROOMY, maxTotalBytes: 0 };
    const big = part('a', 'x'.repeat(diffSizeLimit(limits)));
    expect(refusal(big, limits).message).toBe(`diff: ${Buffer.byteLength(big)} bytes, more than the limit of ${diffSizeLimit(limits)} for a diff`);
  });
});

describe('readDiffFile', () => {
  const dirs = new TempDirs();
  let dir = '';
  beforeAll(async () => {
    dir = await dirs.make();
  });
  afterAll(() => dirs.removeAll());

  it('reads a diff file, naming it in its messages', async () => {
    expect(summary(await readDiffFile(join(FIXTURES, 'apply/git-rename/patch.diff'), ROOMY))).toHaveLength(5);
    const file = join(dir, 'bad.diff');
    await writeFile(file, 'not a diff\n');
    await expect(readDiffFile(file, ROOMY)).rejects.toThrow(`${file}:1: expected a file's diff to start here`);
  });

  it('refuses a file that does not exist, naming it', async () => {
    const file = join(dir, 'missing.diff');
    const error = await readDiffFile(file, ROOMY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`cannot read diff ${file}`);
    expect((error as InputError).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file over the size limit without reading it', async () => {
    const limits = { ...ROOMY, maxTotalBytes: 0 };
    const file = join(dir, 'big.diff');
    await writeFile(file, Buffer.alloc(diffSizeLimit(limits) + 1, 'x'));
    await expect(readDiffFile(file, limits)).rejects.toThrow(`diff ${file} is ${diffSizeLimit(limits) + 1} bytes, more than the limit of ${diffSizeLimit(limits)}`);
  });
});
