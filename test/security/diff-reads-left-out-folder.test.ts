/**
 * A diff aimed at host files the project snapshot leaves out. Applying a diff used to read the
 * base file on the host by path: a hunk against `.hg/hgrc` was rejected with a reason quoting
 * the file's credentials, and a git copy from `.venv/secret.env` put a secret into a stored
 * failure message (issue 12, item 2). Now paths inside left-out folders are refused at intake,
 * naming the folder, as a usage error (exit 2) with nothing stored, and no byte of those files
 * is read: the secret is in no output and not in the database file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../support/run-cli.js';
import { Attack } from './attack-harness.js';
import { expectJsonRefusal } from '../support/json-refusal.js';

const SECRET = `s3cr3t-${randomBytes(12).toString('hex')}`;

describe('a diff against folders the snapshot leaves out', () => {
  let attack: Attack;
  let env: Record<string, string>;
  let work: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    attack = await Attack.prepare();
    await mkdir(join(attack.project, '.hg'));
    await writeFile(join(attack.project, '.hg', 'hgrc'), `[auth]\nremote.prefix = https://hg.example.com\nremote.password = ${SECRET}\n`);
    await mkdir(join(attack.project, '.venv'));
    await writeFile(join(attack.project, '.venv', 'secret.env'), `API_TOKEN=${SECRET}\n`);
    await mkdir(join(attack.project, 'node_modules'));
    await writeFile(join(attack.project, 'node_modules', 'x.js'), `module.exports = "${SECRET}";\n`);
    work = await mkdtemp(join(tmpdir(), 'patchproof-left-out-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    const added = await runCli(['projects', 'add', 'calc', attack.project], env);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  async function propose(name: string, content: string, flag: '--patch' | '--changes') {
    const file = join(work, name);
    await writeFile(file, content);
    const run = await runCli(['propose', 'calc', flag, file, '--json'], env);
    outputs.push(run.stdout, run.stderr);
    return run;
  }

  it('refuses a hunk against .hg/hgrc, naming the folder, without reading the file', async () => {
    // The hunk's "old" line is a guess: a mismatch message would quote the real line.
    const diff = 'diff --git a/.hg/hgrc b/.hg/hgrc\n--- a/.hg/hgrc\n+++ b/.hg/hgrc\n@@ -1,3 +1,3 @@\n [auth]\n remote.prefix = https://hg.example.com\n-remote.password = guess\n+remote.password = x\n';
    const run = await propose('hgrc.diff', diff, '--patch');
    expect(run.code, run.stdout).toBe(2);
    expectJsonRefusal(run.stdout, 'invalid_input', /leaves out of the project/);
    expect(run.stderr).toBe(`patchproof: ${join(work, 'hgrc.diff')}:1: the path ".hg/hgrc" is inside .hg/, which patchproof leaves out of the project\n`);
  });

  it('refuses a git copy from .venv/secret.env into the tests, naming the folder', async () => {
    const diff = 'diff --git a/.venv/secret.env b/tests/leak.txt\nsimilarity index 100%\ncopy from .venv/secret.env\ncopy to tests/leak.txt\n';
    const run = await propose('copy.diff', diff, '--patch');
    expect(run.code, run.stdout).toBe(2);
    expectJsonRefusal(run.stdout, 'invalid_input', /leaves out of the project/);
    expect(run.stderr).toBe(`patchproof: ${join(work, 'copy.diff')}:3: the path ".venv/secret.env" is inside .venv/, which patchproof leaves out of the project\n`);
  });

  it('refuses the same folders in a plain diff and in a changes file', async () => {
    const plain = await propose('plain.diff', '--- a/node_modules/x.js\n+++ b/node_modules/x.js\n@@ -1 +1 @@\n-module.exports = "guess";\n+module.exports = 1;\n', '--patch');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/the path "node_modules\/x\.js" is inside node_modules\/, which patchproof leaves out of the project/);
    const changes = await propose('changes.json', JSON.stringify([{ filepath: 'node_modules/x.js', content: 'module.exports = 1;\n' }]), '--changes');
    expect(changes.code).toBe(2);
    expect(changes.stderr).toBe(`patchproof: ${join(work, 'changes.json')}[0]: filepath "node_modules/x.js" is inside node_modules/, which patchproof leaves out of the project\n`);
  });

  it('stores nothing, and the secret is in no output and not in the database', async () => {
    const list = await runCli(['proposals', 'list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(z.array(z.unknown()).parse(JSON.parse(list.stdout).items)).toEqual([]);
    outputs.push(list.stdout, list.stderr);
    for (const output of outputs) expect(output).not.toContain(SECRET);
    for (const file of ['db.sqlite', 'db.sqlite-wal', 'db.sqlite-journal'].map((name) => join(env.PATCHPROOF_DB_PATH ?? '', '..', name))) {
      if (existsSync(file)) expect((await readFile(file)).includes(SECRET)).toBe(false);
    }
    expect(existsSync(env.PATCHPROOF_DB_PATH ?? '')).toBe(true);
  });
});
