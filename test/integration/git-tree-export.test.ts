/**
 * A commit's tree exported from a mirror's objects: the same bytes, modes and links as the folder
 * it was committed from (so its snapshot, image and baseline are that folder's), one folder per
 * tree id however many commits hold it.
 */
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneMirror, resolveCommit } from '../../src/git/mirror.js';
import { exportTree } from '../../src/git/tree-export.js';
import { snapshotDigest, snapshotProject } from '../../src/project/project-snapshot.js';
import { EXAMPLE_PROJECT } from '../support/scratch-project.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'protocol.file.allow=always', ...args], { cwd, stdio: 'pipe' }).toString('utf8').trim();

describe('exportTree', () => {
  it('writes exactly the committed files, modes and symlinks, once per tree', async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-tree-export-'));
    const source = join(work, 'src');
    await cp(EXAMPLE_PROJECT, source, { recursive: true });
    await writeFile(join(source, 'run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(join(source, 'run.sh'), 0o755);
    await symlink('src/calc/__init__.py', join(source, 'link.py'));
    git(source, 'init', '-q', '-b', 'main');
    git(source, 'add', '-A');
    git(source, 'commit', '-q', '-m', 'one');
    git(source, 'commit', '-q', '--allow-empty', '-m', 'same tree');
    const mirror = join(work, 'mirror.git');
    await cloneMirror(`file://${source}`, mirror, 60_000);

    const head = await resolveCommit(mirror, 'main', 10_000);
    const parent = await resolveCommit(mirror, 'main~1', 10_000);
    expect(head?.tree).toBe(parent?.tree);
    expect(head?.commit).not.toBe(parent?.commit);
    expect(await resolveCommit(mirror, 'nope', 10_000)).toBeNull();

    const dir = await exportTree(mirror, head?.tree ?? '', 10_000);
    expect(await exportTree(mirror, parent?.tree ?? '', 10_000)).toBe(dir);
    expect(await readdir(join(mirror, 'patchproof-trees'))).toEqual([head?.tree]);
    expect(snapshotDigest(await snapshotProject(dir))).toBe(snapshotDigest(await snapshotProject(source)));
    expect((await stat(join(dir, 'run.sh'))).mode & 0o111).not.toBe(0);
    expect(await readlink(join(dir, 'link.py'))).toBe('src/calc/__init__.py');
  });
});
