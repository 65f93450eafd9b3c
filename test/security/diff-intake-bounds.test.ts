/**
 * Diffs made to exhaust intake. A 20 MB diff of context lines took 3.5 GB of memory in
 * `propose`, and 2,000 context-only hunks, each far from where its header points, took 37 s of
 * CPU against a 20,000-line file (issue 12, item 4). Now a diff is one buffer with a table of
 * line offsets, capped in lines and hunks, and placing its hunks spends one budget of line
 * comparisons: each such diff is refused or judged with a clear reason, within a bounded peak
 * memory of the real CLI process and a bounded count of comparisons.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIFF_SEARCH_BUDGET } from '../../src/changes/hunk-search.js';
import { readPatchFile } from '../../src/changes/read-patch-file.js';
import { MAX_DIFF_LINES } from '../../src/changes/unified-diff.js';
import { snapshotProject } from '../../src/project/project-snapshot.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { config } from '../support/run-validation.js';
import { runCli } from '../support/run-cli.js';
import { Attack } from './attack-harness.js';

const LIMITS = { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES };
const MODULE = 'src/calc/__init__.py';
const proposed = z.object({ proposalId: z.string(), status: z.string(), reason: z.string().nullable() });

/** One hunk of `n` context lines against the project's module: about 20 MB. */
function contextDiff(n: number, line: (i: number) => string): Buffer {
  const head = `diff --git a/${MODULE} b/${MODULE}\n--- a/${MODULE}\n+++ b/${MODULE}\n@@ -1,${n} +1,${n} @@\n`;
  const parts = [head];
  for (let i = 0; i < n; i++) parts.push(` ${line(i)}\n`);
  return Buffer.from(parts.join(''));
}

/** 2,000 context-only hunks, hunk k found at line 3k + 1 while its header says 20,000k + 1. */
function farHunksDiff(): string {
  const parts = ['diff --git a/data/big.txt b/data/big.txt\n--- a/data/big.txt\n+++ b/data/big.txt\n'];
  for (let k = 0; k < 2_000; k++) parts.push(`@@ -${1 + 20_000 * k},3 +${1 + 20_000 * k},3 @@\n line ${3 * k}\n line ${3 * k + 1}\n line ${3 * k + 2}\n`);
  return parts.join('');
}

describe('diffs made to exhaust intake', () => {
  let attack: Attack;
  let env: Record<string, string>;
  let work: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    attack = await Attack.prepare();
    await mkdir(join(attack.project, 'data'));
    await writeFile(join(attack.project, 'data', 'big.txt'), Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join(''));
    work = await mkdtemp(join(tmpdir(), 'patchproof-intake-bounds-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    const added = await runCli(['projects', 'add', 'calc', attack.project], env);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    for (const output of outputs) expect(output).not.toContain(attack.marker.content);
    await attack.expectAftermathClean();
  });

  /** `propose --patch` as a user runs it, with the process's peak RSS in MiB. */
  async function propose(name: string, diff: string | Buffer) {
    const file = join(work, name);
    await writeFile(file, diff);
    const rssFile = join(work, `${name}.rss`);
    const run = await runCli(['propose', 'calc', '--patch', file, '--json'], { ...env, PEAK_RSS_FILE: rssFile, NODE_OPTIONS: `--require ${join(PACKAGE_ROOT, 'test', 'support', 'peak-rss.cjs')}` });
    outputs.push(run.stdout, run.stderr);
    return { ...run, peakMib: Number(await readFile(rssFile, 'utf8')) / 1024 };
  }

  it('judges a 20 MB hunk of context lines with the line that does not match, in bounded memory', async () => {
    const run = await propose('context.diff', contextDiff(950_000, (i) => `context line ${String(i).padStart(7, '0')}`));
    expect(run.code, run.stderr).toBe(1);
    const view = proposed.parse(JSON.parse(run.stdout));
    expect(view.status).toBe('rejected');
    expect(view.reason).toBe(
      `hunk 1 of ${MODULE} (@@ -1,950000 +1,950000 @@) does not apply: line 1 expected "context line 0000000" but the file has "\\"\\"\\"A tiny calculator: the project the quick start validates proposals against.\\"\\"\\""`,
    );
    // 574 MB before (a buffer per line); about 215 MB now, most of it the diff kept for the record.
    expect(run.peakMib).toBeLessThan(400);
  });

  it('refuses 20 MB of short context lines at the line cap, nothing stored, in bounded memory', async () => {
    const run = await propose('short.diff', contextDiff(6_900_000, () => 'x'));
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toBe(`patchproof: ${join(work, 'short.diff')}: more than ${MAX_DIFF_LINES} lines, the limit for a diff\n`);
    // 1.95 GB before; the cap is found counting newlines, before any table is made.
    expect(run.peakMib).toBeLessThan(250);
  });

  it('refuses more hunks than the cap, naming it', async () => {
    const hunks = Array.from({ length: 10_001 }, (_, k) => `@@ -${k + 1} +${k + 1} @@\n-line ${k}\n+LINE ${k}\n`).join('');
    const run = await propose('hunks.diff', `--- a/data/big.txt\n+++ b/data/big.txt\n${hunks}`);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toMatch(/hunks\.diff:30003: the diff has more than 10000 hunks, the limit for a diff\n$/);
  });

  it('rejects 2,000 hunks placed far from their headers once the search budget is spent, naming the hunk', async () => {
    const run = await propose('far.diff', farHunksDiff());
    expect(run.code, run.stderr).toBe(1);
    const view = proposed.parse(JSON.parse(run.stdout));
    expect(view.status).toBe('rejected');
    expect(view.reason).toMatch(
      new RegExp(`^hunk \\d+ of data/big\\.txt \\(@@ -\\d+,3 \\+\\d+,3 @@\\) was not found within ${DIFF_SEARCH_BUDGET} line comparisons, the search limit for one diff \\(where its header points, line \\d+ expected "line \\d+" but the file ends at line 20000\\); make the diff against the project as it is now$`),
    );
    expect(run.peakMib).toBeLessThan(250);

    // The same diff in process: the work done is the budget, not a comparison more.
    const file = join(work, 'far.diff');
    const intake = await readPatchFile(file, await snapshotProject(attack.project), LIMITS);
    expect(intake.fault?.code).toBe('PATCH_SEARCH_LIMIT');
    expect(intake.comparisons).toBe(DIFF_SEARCH_BUDGET);
    expect(intake.changes).toEqual([]);
  });

  it('stores exactly the two judged proposals, nothing of the refused ones', async () => {
    const list = await runCli(['proposals', 'list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    const rows = z.array(z.object({ status: z.string() })).parse(JSON.parse(list.stdout).items);
    expect(rows.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
