import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../../../src/changes/apply-patch.js';
import { snapshotFileReader } from '../../../src/changes/snapshot-file-reader.js';
import { parseUnifiedDiff } from '../../../src/changes/unified-diff.js';
import { InfraError } from '../../../src/errors/infra-error.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { TempDirs } from '../../support/temp-dirs.js';

const ROOMY = { maxFiles: 100, maxFileBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };
const SECRET = 'hunter2-secret-marker';

describe('snapshotFileReader', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  it('reads regular files of the snapshot, and gives null for a path with nothing there', async () => {
    const root = await dirs.project({ 'src/a.py': 'x = 1\n', 'top.txt': 'top' });
    const read = snapshotFileReader(await snapshotProject(root));
    expect(await read('src/a.py')).toEqual(Buffer.from('x = 1\n'));
    expect(await read('top.txt')).toEqual(Buffer.from('top'));
    expect(await read('src/missing.py')).toBeNull();
    expect(await read('nowhere/missing.py')).toBeNull();
    expect(await read('top.txt/under-a-file')).toBeNull();
  });

  it('never reads a file the snapshot leaves out, though it is there on the host', async () => {
    const root = await dirs.project({ '.hg/hgrc': `[auth]\nx.password = ${SECRET}\n`, '.venv/secret.env': SECRET, 'node_modules/x.js': SECRET, 'src/m.pyc': SECRET, 'ok.txt': 'ok\n' });
    const read = snapshotFileReader(await snapshotProject(root));
    for (const path of ['.hg/hgrc', '.venv/secret.env', 'node_modules/x.js', 'src/m.pyc']) expect(await read(path)).toBeNull();
    expect(await read('ok.txt')).toEqual(Buffer.from('ok\n'));
  });

  it('never reads through a symlink, nor a symlink itself', async () => {
    const outside = await dirs.project({ 'secret.txt': 'secret\n' });
    const root = await dirs.project({ 'real.txt': 'real\n' }, { linked: outside, 'link.txt': join(outside, 'secret.txt') });
    const read = snapshotFileReader(await snapshotProject(root));
    await expect(read('linked/secret.txt')).rejects.toMatchObject({ code: 'PATH_THROUGH_SYMLINK', message: 'the diff changes "linked/secret.txt", which passes through "linked", a symlink in the project' });
    await expect(read('link.txt')).rejects.toMatchObject({ code: 'PATH_IS_SYMLINK', message: 'the diff changes "link.txt", a symlink in the project; a diff can only change regular files' });
  });

  it('refuses a folder where the diff names a file', async () => {
    const root = await dirs.project({ 'pkg/': '' });
    await expect(snapshotFileReader(await snapshotProject(root))('pkg')).rejects.toMatchObject({ code: 'PATH_IS_DIRECTORY' });
  });

  it('refuses a file whose bytes no longer have the snapshot digest, without quoting them', async () => {
    const root = await dirs.project({ 'a.txt': 'before\n', 'b.txt': 'same size\n', 'c.txt': 'gone\n' });
    const read = snapshotFileReader(await snapshotProject(root));
    await writeFile(join(root, 'a.txt'), `${SECRET}\n`);
    await writeFile(join(root, 'b.txt'), 'SAME SIZE\n');
    await rm(join(root, 'c.txt'));
    for (const path of ['a.txt', 'b.txt', 'c.txt']) {
      const error = await Promise.resolve(read(path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InfraError);
      expect(error).toMatchObject({ code: 'PROJECT_CHANGED', context: { path } });
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
  });

  it('refuses, without blocking, a FIFO put where the snapshot saw a file', async () => {
    const root = await dirs.project({ 'pipe.txt': 'x\n' });
    const read = snapshotFileReader(await snapshotProject(root));
    await rm(join(root, 'pipe.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    await expect(read('pipe.txt')).rejects.toMatchObject({ code: 'PROJECT_CHANGED' });
  });

  it('lets applyPatch turn a real diff into changes against a real project folder', async () => {
    const dir = join(PACKAGE_ROOT, 'test', 'fixtures', 'diffs', 'apply', 'git-modify');
    const root = await dirs.make();
    execFileSync('cp', ['-R', `${join(dir, 'before')}/.`, root]);
    const changes = await applyPatch(parseUnifiedDiff(readFileSync(join(dir, 'patch.diff')), ROOMY), snapshotFileReader(await snapshotProject(root)), ROOMY);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(change.kind).toBe('write');
      if (change.kind === 'write') expect(change.content.toString('latin1')).toBe(readFileSync(join(dir, 'after', change.path)).toString('latin1'));
    }
  });
});
