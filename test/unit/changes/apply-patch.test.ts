// Over 300 lines: one case per way a hunk applies or fails, then the same diffs checked against
// git apply and diff -ruN on generated inputs; all of it is one function's contract.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch, type FileReader } from '../../../src/changes/apply-patch.js';
import type { Change } from '../../../src/changes/change.js';
import type { ChangeLimits } from '../../../src/changes/changes-file.js';
import { DIFF_SEARCH_BUDGET, SearchBudget } from '../../../src/changes/hunk-search.js';
import { parseUnifiedDiff } from '../../../src/changes/unified-diff.js';
import { ProposalFault } from '../../../src/errors/proposal-fault.js';
import { InputError } from '../../../src/errors/input-error.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { TempDirs } from '../../support/temp-dirs.js';

const ROOMY: ChangeLimits = { maxFiles: 100, maxFileBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };
/** Made by test/fixtures/diffs/make-fixtures.sh with git diff, diff -u and diff -ruN. */
const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'diffs', 'apply');
const CASES = readdirSync(FIXTURES).sort();

type Tree = Map<string, Buffer>;

/** Every regular file under `dir`, by project path. */
function readTree(dir: string, prefix = ''): Tree {
  const tree: Tree = new Map();
  if (!existsSync(dir)) return tree;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(full).isDirectory()) for (const [inner, content] of readTree(full, path)) tree.set(inner, content);
    else tree.set(path, readFileSync(full));
  }
  return tree;
}

function fixture(name: string): { before: Tree; after: Tree; diff: Buffer } {
  const dir = join(FIXTURES, name);
  return { before: readTree(join(dir, 'before')), after: readTree(join(dir, 'after')), diff: readFileSync(join(dir, 'patch.diff')) };
}

function readerOf(tree: Tree): FileReader {
  return (path) => tree.get(path) ?? null;
}

function applied(tree: Tree, changes: readonly Change[]): Tree {
  const result = new Map(tree);
  for (const change of changes) {
    if (change.kind === 'delete') result.delete(change.path);
    else result.set(change.path, change.content);
  }
  return result;
}

/** Equal trees, compared as text on failure so a difference reads plainly. */
function expectSameTree(actual: Tree, expected: Tree): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, content] of expected) {
    const got = actual.get(path);
    if (got === undefined || !got.equals(content)) expect({ path, content: got?.toString('latin1') }).toEqual({ path, content: content.toString('latin1') });
  }
}

async function applyText(tree: Tree, diff: string | Buffer, limits: ChangeLimits = ROOMY): Promise<Tree> {
  return applied(tree, await applyPatch(parseUnifiedDiff(diff, limits), readerOf(tree), limits));
}

async function fault(tree: Tree, diff: string | Buffer): Promise<ProposalFault> {
  const error = await applyPatch(parseUnifiedDiff(diff, ROOMY), readerOf(tree), ROOMY).then(
    (changes) => new Error(`the diff applied: ${JSON.stringify(changes.map((c) => c.path))}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProposalFault);
  return error as ProposalFault;
}

function withFile(tree: Tree, path: string, content: string | null): Tree {
  const copy = new Map(tree);
  if (content === null) copy.delete(path);
  else copy.set(path, Buffer.from(content, 'latin1'));
  return copy;
}

describe('applyPatch on real diffs', () => {
  it('has the fixtures make-fixtures.sh writes', () => {
    expect(CASES).toEqual(
      expect.arrayContaining(['diff-ruN', 'diff-u-p0', 'git-crlf', 'git-mnemonic', 'git-modify', 'git-new-delete', 'git-newline', 'git-no-prefix', 'git-offset', 'git-quoted', 'git-rename', 'git-unified-zero']),
    );
  });

  it.each(CASES)('turns before/ into after/ byte for byte: %s', async (name) => {
    const { before, after, diff } = fixture(name);
    expectSameTree(await applyText(before, diff), after);
  });

  it('gives the same result for the diff read as text', async () => {
    const { before, after, diff } = fixture('git-quoted');
    expectSameTree(await applyText(before, diff.toString('utf8')), after);
  });

  it('returns whole-file writes and deletions, a rename as both, a mode change as nothing', async () => {
    const { before, diff } = fixture('git-rename');
    const changes = await applyPatch(parseUnifiedDiff(diff, ROOMY), readerOf(before), ROOMY);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'write bin/tool.sh',
      'delete tool.sh',
      'write copy.cfg',
      'write core/engine.py',
      'delete lib/engine.py',
      'write docs/manual/guide.md',
      'delete docs/guide.md',
    ]);
  });

  it('keeps bytes that are not UTF-8 exactly, in the file and in the diff', async () => {
    const before: Tree = new Map([['latin1.txt', Buffer.from('caf\xe9\nna\xefve\n', 'latin1')]]);
    const diff = Buffer.from('--- a/latin1.txt\n+++ b/latin1.txt\n@@ -1,2 +1,2 @@\n caf\xe9\n-na\xefve\n+na\xefve \xa9\n', 'latin1');
    const after = await applyText(before, diff);
    expect(after.get('latin1.txt')).toEqual(Buffer.from('caf\xe9\nna\xefve \xa9\n', 'latin1'));
  });

  it('reads each file once, even when two parts of the diff need it', async () => {
    const { before, diff } = fixture('git-rename');
    const reads: string[] = [];
    await applyPatch(parseUnifiedDiff(diff, ROOMY), (path) => (reads.push(path), before.get(path) ?? null), ROOMY);
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('accepts an async reader', async () => {
    const { before, after, diff } = fixture('git-modify');
    const changes = await applyPatch(parseUnifiedDiff(diff, ROOMY), async (path) => before.get(path) ?? null, ROOMY);
    expectSameTree(applied(before, changes), after);
  });
});

/** A small seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** 2 to 32 lines, most from a few words (so context repeats), some CRLF, sometimes no newline at the end. */
function randomText(next: () => number): string {
  const words = ['a', 'b', '', '}', 'return x', 'x = 1'];
  // Never empty: diff -ruN shows nothing for an empty file deleted or added.
  let text = 'top\n';
  for (let i = Math.floor(next() * 30); i >= 0; i--) text += `${words[Math.floor(next() * words.length)] ?? ''}${next() < 0.1 ? '\r\n' : '\n'}`;
  return next() < 0.3 ? text.slice(0, -1) : text;
}

function randomEdit(next: () => number, text: string): string {
  const lines = text.split('\n');
  for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
    const at = Math.floor(next() * (lines.length + 1));
    const op = next();
    if (op < 0.33) lines.splice(at, 0, `new ${Math.floor(next() * 5)}`);
    else if (op < 0.66) lines.splice(at, 1);
    else lines.splice(at, 1, `changed ${Math.floor(next() * 5)}`);
  }
  const edited = lines.join('\n');
  if (next() >= 0.2) return edited;
  return edited.endsWith('\n') ? edited.slice(0, -1) : `${edited}\n`;
}

/** Before and after trees of a few files: edited, one sometimes deleted, one sometimes added. */
function randomTrees(next: () => number): { before: Tree; after: Tree } {
  const before: Tree = new Map(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt'].map((name) => [name, Buffer.from(randomText(next))]));
  const after: Tree = new Map([...before].map(([name, content]) => [name, next() < 0.7 ? Buffer.from(randomEdit(next, content.toString('latin1')), 'latin1') : content]));
  if (next() < 0.3) after.delete('f0.txt');
  if (next() < 0.3) after.set('added.txt', Buffer.from(randomText(next)));
  return { before, after };
}

function writeTree(dir: string, tree: Tree): void {
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of tree) writeFileSync(join(dir, path), content);
}

describe('applyPatch against the real tools on random edits', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());
  const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

  it.each(SEEDS)('gives what git diff describes, with any context size and prefix style (seed %i)', async (seed) => {
    const next = random(seed);
    const { before, after } = randomTrees(next);
    const repo = await dirs.make();
    const git = (...args: string[]): Buffer => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'core.autocrlf=false', ...args], { cwd: repo });
    git('init', '-q');
    writeTree(repo, before);
    git('add', '-A');
    git('commit', '-qm', 'before');
    for (const path of before.keys()) rmSync(join(repo, path));
    writeTree(repo, after);
    git('add', '-A');
    const options = [`-U${Math.floor(next() * 5)}`, '--no-renames', ...(next() < 0.5 ? ['--no-prefix'] : []), ...(next() < 0.3 ? ['--diff-algorithm=patience'] : [])];
    const diff = git('diff', '--cached', ...options);
    if (diff.length > 0) expectSameTree(await applyText(before, diff), after);
  });

  it('applies a diff to files that moved on since exactly where git apply does, or refuses', async () => {
    // We are stricter than git apply in two ways, and only those: a hunk never lands before the
    // end of the hunk above it, and a hunk ending the file without a newline never lands
    // mid-file (git apply glues two lines together there; see the next test).
    const git = (cwd: string, ...args: string[]): Buffer =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'core.autocrlf=false', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const outcomes = { same: 0, bothRefused: 0, onlyWeRefused: [] as number[] };
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed + 2000);
      const base = randomText(next);
      const repo = await dirs.make();
      git(repo, 'init', '-q');
      writeFileSync(join(repo, 'f'), base);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'base');
      writeFileSync(join(repo, 'f'), randomEdit(next, base));
      const diff = git(repo, 'diff', `-U${1 + Math.floor(next() * 4)}`);
      if (diff.length === 0) continue;
      // The project took another edit of the same file meanwhile.
      const moved = Buffer.from(randomEdit(next, base), 'latin1');
      const elsewhere = await dirs.make();
      writeFileSync(join(elsewhere, 'f'), moved);
      writeFileSync(join(elsewhere, 'patch.diff'), diff);
      let byGit: string | null;
      try {
        git(elsewhere, 'apply', '--whitespace=nowarn', 'patch.diff');
        byGit = readFileSync(join(elsewhere, 'f'), 'latin1');
      } catch {
        byGit = null;
      }
      const ours = await applyText(new Map([['f', moved]]), diff).then(
        (tree) => tree.get('f')?.toString('latin1') ?? null,
        (error: unknown) => {
          if (!(error instanceof ProposalFault)) throw error;
          return null;
        },
      );
      if (ours !== null) expect({ seed, ours }).toEqual({ seed, ours: byGit });
      if (ours !== null) outcomes.same++;
      else if (byGit === null) outcomes.bothRefused++;
      else outcomes.onlyWeRefused.push(seed);
    }
    // Enough of both kinds to mean something; the seeds are fixed, so these numbers are too.
    expect(outcomes.same).toBeGreaterThanOrEqual(10);
    expect(outcomes.bothRefused).toBeGreaterThanOrEqual(10);
    expect(outcomes.onlyWeRefused.length).toBeLessThanOrEqual(3);
  });

  it('refuses a hunk that ends the file without a newline where git apply would join two lines', async () => {
    // From a random case: git apply puts the hunk mid-file and glues "x = 1" to the next line.
    const diff = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -2,3 +2,4 @@ top\n x = 1\n b\n+changed 4\n x = 1\n\\ No newline at end of file\n';
    const error = await fault(new Map([['f', Buffer.from('top\nx = 1\nb\nx = 1\nchanged 0')]]), diff);
    expect(error.message).toBe('hunk 1 of f (@@ -2,3 +2,4 @@) does not apply: line 4 expected "x = 1" to end the file without a newline, but the file goes on after it');
  });

  it.each(SEEDS)('gives what diff -ruN describes, with any context size (seed %i)', async (seed) => {
    const next = random(seed + 1000);
    const { before, after } = randomTrees(next);
    const dir = await dirs.make();
    writeTree(join(dir, 'old'), before);
    writeTree(join(dir, 'new'), after);
    let diff: Buffer;
    try {
      diff = execFileSync('diff', ['-ruN', `-U${Math.floor(next() * 5)}`, 'old', 'new'], { cwd: dir });
    } catch (error) {
      // diff exits 1 when the trees differ.
      diff = (error as { stdout: Buffer }).stdout;
    }
    if (diff.length > 0) expectSameTree(await applyText(before, diff), after);
  });
});

describe('applyPatch refuses what does not apply', () => {
  const modify = fixture('git-modify');

  it('names the file, the hunk and the first line that differs when the context is stale', async () => {
    const stale = withFile(modify.before, 'src/calc.py', modify.before.get('src/calc.py')?.toString('latin1').replace('return a+b', 'return a + b') ?? '');
    const error = await fault(stale, modify.diff);
    expect(error.code).toBe('PATCH_DOES_NOT_APPLY');
    expect(error.message).toBe('hunk 2 of src/calc.py (@@ -10,3 +10,7 @@) does not apply: line 12 expected "    return a+b" but the file has "    return a + b"');
    expect(error.context).toMatchObject({ path: 'src/calc.py', hunk: 2, line: 12 });
  });

  it('says where the file ends when a hunk reaches beyond it', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `line ${i + 1}\n`).join('');
    const error = await fault(withFile(modify.before, 'src/long.txt', lines), modify.diff);
    expect(error.message).toBe('hunk 3 of src/long.txt (@@ -27,7 +27,6 @@) does not apply: line 27 expected "line 27" but the file ends at line 25');
  });

  it('refuses a removed line that differs, not only context', async () => {
    const error = await fault(withFile(modify.before, 'README.md', '# calc\n\nAdds and Subtracts.\n'), modify.diff);
    expect(error.message).toBe('hunk 1 of README.md (@@ -1,3 +1,3 @@) does not apply: line 3 expected "Adds and subtracts." but the file has "Adds and Subtracts."');
  });

  it('returns nothing when one file applies and another does not', async () => {
    // README.md comes first in the diff and applies; calc.py does not.
    const stale = withFile(modify.before, 'src/calc.py', 'something else entirely\n');
    await expect(applyPatch(parseUnifiedDiff(modify.diff, ROOMY), readerOf(stale), ROOMY)).rejects.toThrow(/^hunk 1 of src\/calc\.py/);
  });

  it('refuses to modify a file the project does not have, naming it', async () => {
    const error = await fault(withFile(modify.before, 'src/calc.py', null), modify.diff);
    expect(error.code).toBe('PATCH_FILE_MISSING');
    expect(error.message).toBe('cannot patch "src/calc.py": the project has no such file');
  });

  it('refuses to create a file the project already has', async () => {
    const { before, diff } = fixture('git-new-delete');
    const error = await fault(withFile(before, 'pkg/sub/new.py', 'already here\n'), diff);
    expect(error.code).toBe('PATCH_FILE_EXISTS');
    expect(error.message).toBe('cannot create "pkg/sub/new.py": the project already has it');
  });

  it('refuses to create an empty file the project already has', async () => {
    const { before, diff } = fixture('git-new-delete');
    expect((await fault(withFile(before, 'empty-new', ''), diff)).message).toBe('cannot create "empty-new": the project already has it');
  });

  it('refuses to delete a file the project does not have', async () => {
    const { before, diff } = fixture('git-new-delete');
    const error = await fault(withFile(before, 'old/gone.py', null), diff);
    expect(error.code).toBe('DELETE_MISSING');
    expect(error.message).toBe('cannot delete "old/gone.py": the project has no such file');
  });

  it('refuses to delete a file that holds more than the diff removes', async () => {
    const { before, diff } = fixture('git-new-delete');
    const error = await fault(withFile(before, 'old/gone.py', 'print("bye")\nprint("again")\n'), diff);
    expect(error.message).toBe('cannot delete "old/gone.py": the diff removes 1 line, but the file has 2');
  });

  it('refuses to delete, without hunks, a file the diff shows empty but that is not', async () => {
    const { before, diff } = fixture('git-new-delete');
    const error = await fault(withFile(before, 'empty-gone', 'not empty\n'), diff);
    expect(error.message).toBe('cannot delete "empty-gone": the diff shows it as blob e69de29, but the project\'s file (10 bytes) is not');
  });

  it('deletes a file by its blob id, as git diff --irreversible-delete shows it', async () => {
    const tree: Tree = new Map([['big.txt', Buffer.from('hello\n')]]);
    // ce01362 is git's id of the blob "hello\n".
    const diff = 'diff --git a/big.txt b/big.txt\ndeleted file mode 100644\nindex ce01362..0000000\n';
    expect([...(await applyText(tree, diff)).keys()]).toEqual([]);
    expect((await fault(new Map([['big.txt', Buffer.from('hullo\n')]]), diff)).code).toBe('PATCH_DOES_NOT_APPLY');
  });

  it('refuses a rename whose source is missing or whose target exists', async () => {
    const { before, diff } = fixture('git-rename');
    const missing = await fault(withFile(before, 'lib/engine.py', null), diff);
    expect(missing.message).toBe('cannot rename "lib/engine.py" to "core/engine.py": the project has no "lib/engine.py"');
    const taken = await fault(withFile(before, 'copy.cfg', 'mine\n'), diff);
    expect(taken.code).toBe('PATCH_FILE_EXISTS');
    expect(taken.message).toBe('cannot copy "template.cfg" to "copy.cfg": the project already has "copy.cfg"');
  });

  it('refuses a mode change of a file the project does not have', async () => {
    const { before, diff } = fixture('git-rename');
    expect((await fault(withFile(before, 'run.sh', null), diff)).message).toBe('cannot patch "run.sh": the project has no such file');
  });

  it('tells a missing newline at the end of the file from a changed line', async () => {
    const { before, diff } = fixture('git-newline');
    const gained = await fault(withFile(before, 'gains-newline.txt', 'one\ntwo\n'), diff);
    expect(gained.message).toBe('hunk 1 of gains-newline.txt (@@ -1,2 +1,2 @@) does not apply: line 2 expected "two" to end the file without a newline, but the file has a newline after it');
    const lost = await fault(withFile(before, 'loses-newline.txt', 'one\ntwo'), diff);
    expect(lost.message).toBe('hunk 1 of loses-newline.txt (@@ -1,2 +1,2 @@) does not apply: line 2 expected "two" followed by a newline, but the file ends there without one');
  });

  it('shows a CRLF line against an LF one plainly', async () => {
    const { before, diff } = fixture('git-crlf');
    const error = await fault(withFile(before, 'windows.txt', 'alpha\nbeta\ngamma\ndelta\n'), diff);
    expect(error.message).toBe('hunk 1 of windows.txt (@@ -1,4 +1,5 @@) does not apply: line 1 expected "alpha\\r" but the file has "alpha"');
  });

  it('finds a hunk moved further than the first tries, in both directions', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `row ${i}\n`).join('');
    const diff = '--- a/f.txt\n+++ b/f.txt\n@@ -100,3 +100,3 @@\n row 99\n-row 100\n+row one hundred\n row 101\n';
    for (const shift of [-95, -1, 0, 1, 80]) {
      const text = shift < 0 ? body.split('\n').slice(-shift).join('\n') : 'extra\n'.repeat(shift) + body;
      const after = await applyText(new Map([['f.txt', Buffer.from(text)]]), diff);
      expect(after.get('f.txt')?.toString()).toBe(text.replace('row 100\n', 'row one hundred\n'));
    }
  });

  it('takes the nearest match when the context appears twice', async () => {
    const text = 'a\nb\nc\nx\nx\nx\na\nb\nc\n';
    const diff = '--- a/f\n+++ b/f\n@@ -7,3 +7,3 @@\n a\n-b\n+B\n c\n';
    expect((await applyText(new Map([['f', Buffer.from(text)]]), diff)).get('f')?.toString()).toBe('a\nb\nc\nx\nx\nx\na\nB\nc\n');
  });

  it('never applies a hunk before the end of the hunk above it', async () => {
    // Both hunks change "b"; the second must not find the first's lines again.
    const diff = '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -5,3 +5,3 @@\n a\n-b\n+B\n c\n';
    const error = await fault(new Map([['f', Buffer.from('a\nb\nc\nd\n')]]), diff);
    expect(error.message).toBe('hunk 2 of f (@@ -5,3 +5,3 @@) does not apply: line 5 expected "a" but the file ends at line 4');
  });

  it('holds a hunk from line 1 to the start of the file, as git apply does', async () => {
    const diff = '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n';
    const error = await fault(new Map([['f', Buffer.from('new first line\na\nb\nc\n')]]), diff);
    expect(error.message).toBe('hunk 1 of f (@@ -1,3 +1,3 @@) does not apply: its lines are at line 2, but a hunk from line 1 must match at the start of the file');
  });

  it('holds a hunk with no context after its changes to the end of the file', async () => {
    const diff = '--- a/f\n+++ b/f\n@@ -2,2 +2,3 @@\n b\n c\n+d\n';
    expect((await applyText(new Map([['f', Buffer.from('a\nb\nc\n')]]), diff)).get('f')?.toString()).toBe('a\nb\nc\nd\n');
    const error = await fault(new Map([['f', Buffer.from('a\nb\nc\nmore\n')]]), diff);
    expect(error.message).toBe('hunk 1 of f (@@ -2,2 +2,3 @@) does not apply: its lines are at line 2, but a hunk with no context after its changes must match at the end of the file');
  });

  it('puts a hunk of only added lines where its header says, and refuses one past the end', async () => {
    const diff = '--- a/f\n+++ b/f\n@@ -2,0 +3 @@\n+inserted\n';
    expect((await applyText(new Map([['f', Buffer.from('a\nb\nc\n')]]), diff)).get('f')?.toString()).toBe('a\nb\ninserted\nc\n');
    const error = await fault(new Map([['f', Buffer.from('a\n')]]), diff);
    expect(error.message).toBe('hunk 1 of f (@@ -2,0 +3 @@) does not apply: it adds lines after line 2, but the file ends at line 1');
  });

  it('refuses a hunk that takes the newline off a line that is not the last', async () => {
    const diff = '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n';
    const error = await fault(new Map([['f', Buffer.from('a\nb\n')]]), diff);
    expect(error.message).toBe('hunk 1 of f (@@ -1 +1 @@) does not apply: it ends the file without a newline after line 1, but the file goes on to line 2');
  });

  it('stops a long hunk that almost matches everywhere at the search budget, saying where it failed', async () => {
    const file = Buffer.from('same\n'.repeat(50_000));
    const hunk = ` same\n`.repeat(2_000) + '-different\n+changed\n' + ' same\n'.repeat(2_000);
    const diff = `--- a/f\n+++ b/f\n@@ -20000,4001 +20000,4001 @@\n${hunk}`;
    const budget = new SearchBudget(1_000_000);
    const error = await applyPatch(parseUnifiedDiff(diff, ROOMY), readerOf(new Map([['f', file]])), ROOMY, budget).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProposalFault);
    expect(error).toMatchObject({ code: 'PATCH_SEARCH_LIMIT', context: { comparisons: 1_000_000 } });
    expect((error as ProposalFault).message).toBe(
      'hunk 1 of f (@@ -20000,4001 +20000,4001 @@) was not found within 1000000 line comparisons, the search limit for one diff (where its header points, line 22000 expected "different" but the file has "same"); make the diff against the project as it is now',
    );
    expect(budget.used).toBe(1_000_000);
  });

  it('shares one search budget across every hunk and file of a diff, and spends little on hunks where their headers say', async () => {
    const file = Buffer.from(Array.from({ length: 1_000 }, (_, i) => `line ${i}\n`).join(''));
    const part = (name: string) => `--- a/${name}\n+++ b/${name}\n@@ -10,3 +10,3 @@\n line 9\n-line 10\n+LINE 10\n line 11\n@@ -500,3 +500,3 @@\n line 499\n-line 500\n+LINE 500\n line 501\n`;
    const budget = new SearchBudget();
    await applyPatch(parseUnifiedDiff(part('f') + part('g'), ROOMY), readerOf(new Map([['f', file], ['g', file]])), ROOMY, budget);
    expect(budget.used).toBe(12);
    expect(budget.limit).toBe(DIFF_SEARCH_BUDGET);
  });
});

describe('applyPatch limits', () => {
  it('refuses a patched file over the size limit, and accepts one exactly at it', async () => {
    const tree: Tree = new Map([['f', Buffer.from('a\n')]]);
    const diff = '--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+b\n';
    expect((await applyText(tree, diff, { ...ROOMY, maxFileBytes: 4 })).get('f')?.toString()).toBe('a\nb\n');
    const error = await applyText(tree, diff, { ...ROOMY, maxFileBytes: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('"f" is 4 bytes once patched, more than the limit of 3');
  });

  it('refuses patched files whose sizes add up past the total limit', async () => {
    // Each file ends up 7 bytes, though the diff adds only 2 to each.
    const tree: Tree = new Map([['f', Buffer.from('aaaa\n')], ['g', Buffer.from('bbbb\n')]]);
    const diff = '--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n aaaa\n+x\n--- a/g\n+++ b/g\n@@ -1 +1,2 @@\n bbbb\n+x\n';
    expect((await applyText(tree, diff, { ...ROOMY, maxTotalBytes: 14 })).get('g')?.toString()).toBe('bbbb\nx\n');
    await expect(applyText(tree, diff, { ...ROOMY, maxTotalBytes: 13 })).rejects.toThrow('the patched files add up to more than the limit of 13 bytes');
  });
});
