import { chmod, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGE_REPOSITORY, imageTag } from '../../../src/images/image-tag.js';
import { type ProjectSnapshot, sha256, snapshotDigest, snapshotProject } from '../../../src/project/project-snapshot.js';
import { InputError } from '../../../src/errors/input-error.js';
import { TempDirs } from '../../support/temp-dirs.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const PROJECT: Record<string, string> = {
  'README.md': '# demo\n',
  'calc/__init__.py': '',
  'calc/ops.py': 'def add(a, b):\n    return a + b\n',
  'tests/test_ops.py': 'from calc.ops import add\n\ndef test_add():\n    assert add(1, 2) == 3\n',
  'run.sh': '#!/bin/sh\nexec pytest\n',
};

async function sampleProject(): Promise<string> {
  const root = await dirs.project(PROJECT, { 'docs-link': 'README.md' });
  await chmod(join(root, 'run.sh'), 0o755);
  return root;
}

describe('snapshotProject', () => {
  it('leaves out VCS folders, caches, virtualenvs, node_modules, compiled Python and coverage data at any depth', async () => {
    const root = await dirs.project({
      'app.py': 'x = 1\n',
      '.github/workflows/ci.yml': 'on: push\n',
      '.coveragerc': '[run]\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/objects/ab/cdef': 'blob',
      '__pycache__/app.cpython-311.pyc': 'bytecode',
      'pkg/__pycache__/mod.cpython-311.pyc': 'bytecode',
      'pkg/mod.py': 'y = 2\n',
      'pkg/stale.pyc': 'bytecode',
      'node_modules/left-pad/index.js': 'module.exports = 1',
      'web/node_modules/x/index.js': '1',
      '.venv/bin/python': '#!',
      '.pytest_cache/v/cache/lastfailed': '{}',
      '.coverage': 'sqlite',
      'pkg/.coverage': 'sqlite',
      '.patchproof/reports/junit.xml': '<testsuites/>',
    });
    const snapshot = await snapshotProject(root);
    expect([...snapshot.entries.keys()].sort()).toEqual(['.coveragerc', '.github', '.github/workflows', '.github/workflows/ci.yml', 'app.py', 'pkg', 'pkg/mod.py', 'web']);
    expect(snapshot.totalBytes).toBe('x = 1\n'.length + 'on: push\n'.length + '[run]\n'.length + 'y = 2\n'.length);
  });

  it('records each entry with its type, size, executable bit and content digest', async () => {
    const root = await sampleProject();
    const snapshot = await snapshotProject(root);
    expect(snapshot.root).toBe(root);
    expect(snapshot.entries.get('calc')).toEqual({ path: 'calc', type: 'dir', executable: false, size: 0, linkTarget: null, digest: '' });
    expect(snapshot.entries.get('calc/ops.py')).toEqual({
      path: 'calc/ops.py',
      type: 'file',
      executable: false,
      size: Buffer.byteLength(PROJECT['calc/ops.py'] ?? ''),
      linkTarget: null,
      digest: sha256(PROJECT['calc/ops.py'] ?? ''),
    });
    expect(snapshot.entries.get('run.sh')?.executable).toBe(true);
    expect(snapshot.totalBytes).toBe(Object.values(PROJECT).reduce((sum, text) => sum + Buffer.byteLength(text), 0));
  });

  it('records symlinks with their target and never follows them', async () => {
    const root = await dirs.project({ 'src/a.py': 'a = 1\n' }, { etc: '/etc', alias: 'src', dangling: 'no/such/file' });
    const snapshot = await snapshotProject(root);
    expect(snapshot.entries.get('etc')).toEqual({ path: 'etc', type: 'symlink', executable: false, size: 0, linkTarget: '/etc', digest: sha256('/etc') });
    expect(snapshot.entries.get('alias')).toMatchObject({ type: 'symlink', linkTarget: 'src' });
    expect(snapshot.entries.get('dangling')).toMatchObject({ type: 'symlink', linkTarget: 'no/such/file' });
    expect([...snapshot.entries.keys()].filter((p) => p.startsWith('etc/') || p.startsWith('alias/'))).toEqual([]);
    expect(snapshot.totalBytes).toBe('a = 1\n'.length);
  });

  it('refuses a project folder that does not exist or is a file', async () => {
    const root = await dirs.project({ 'file.txt': 'x' });
    await expect(snapshotProject(join(root, 'nope'))).rejects.toThrow(InputError);
    await expect(snapshotProject(join(root, 'file.txt'))).rejects.toThrow(/is not a directory/);
  });
});

describe('snapshotDigest', () => {
  async function digestOf(root: string): Promise<string> {
    return snapshotDigest(await snapshotProject(root));
  }

  it('is the same for equal content in two different folders', async () => {
    const [a, b] = await Promise.all([sampleProject(), sampleProject()]);
    expect(a).not.toBe(b);
    expect(await digestOf(a)).toBe(await digestOf(b));
  });

  it('ignores what the snapshot leaves out', async () => {
    const root = await sampleProject();
    const before = await digestOf(root);
    await writeFile(join(root, '.coverage'), 'data');
    await writeFile(join(root, 'calc', 'ops.pyc'), 'bytecode');
    expect(await digestOf(root)).toBe(before);
  });

  it('changes when one byte of one file changes', async () => {
    const root = await sampleProject();
    const before = await digestOf(root);
    await writeFile(join(root, 'calc/ops.py'), PROJECT['calc/ops.py']?.replace('a + b', 'a - b') ?? '');
    expect(await digestOf(root)).not.toBe(before);
  });

  it('changes when an executable bit changes', async () => {
    const root = await sampleProject();
    const before = await digestOf(root);
    await chmod(join(root, 'calc/ops.py'), 0o744);
    expect(await digestOf(root)).not.toBe(before);
  });

  it('changes when a symlink target changes', async () => {
    const root = await sampleProject();
    const before = await digestOf(root);
    await rm(join(root, 'docs-link'));
    await symlink('calc/ops.py', join(root, 'docs-link'));
    expect(await digestOf(root)).not.toBe(before);
  });

  it('changes when a file moves to another folder with the same content', async () => {
    const a = await dirs.project({ 'x/f.py': 'same' });
    const b = await dirs.project({ 'y/f.py': 'same' });
    expect(await digestOf(a)).not.toBe(await digestOf(b));
  });

  it('tells an empty folder from no folder', async () => {
    const a = await dirs.project({ 'f.py': 'same' });
    const b = await dirs.project({ 'f.py': 'same', 'empty/': '' });
    expect(await digestOf(a)).not.toBe(await digestOf(b));
  });
});

describe('imageTag', () => {
  const template = [
    { path: 'Dockerfile', content: Buffer.from('ARG BASE\nFROM ${BASE}\nRUN apt-get install -y python3-pytest\n') },
    { path: 'entry.sh', content: Buffer.from('#!/bin/sh\n') },
  ];
  const args = { BASE: 'local/debian:bookworm', MIRROR: 'http://deb.debian.org/debian' };
  let snapshot: ProjectSnapshot;

  async function theSnapshot(): Promise<ProjectSnapshot> {
    snapshot ??= await snapshotProject(await sampleProject());
    return snapshot;
  }

  it('names the image after the toolchain with a 24-hex-digit tag, the same for the same inputs', async () => {
    const s = await theSnapshot();
    const tag = imageTag('pytest', template, s, args);
    expect(tag).toMatch(new RegExp(`^${IMAGE_REPOSITORY}/pytest:[0-9a-f]{24}$`));
    expect(imageTag('pytest', template.map((f) => ({ ...f, content: Buffer.from(f.content) })), s, { ...args })).toBe(tag);
  });

  it('does not depend on the order the build arguments are given in', async () => {
    const s = await theSnapshot();
    expect(imageTag('pytest', template, s, { MIRROR: args.MIRROR, BASE: args.BASE })).toBe(imageTag('pytest', template, s, args));
  });

  it('changes when one byte of a template file changes', async () => {
    const s = await theSnapshot();
    const changed = [{ path: 'Dockerfile', content: Buffer.from('ARG BASE\nFROM ${BASE}\nRUN apt-get install -y python3-pytesT\n') }, template[1]!];
    expect(imageTag('pytest', changed, s, args)).not.toBe(imageTag('pytest', template, s, args));
  });

  it('changes when a template file is renamed or added', async () => {
    const s = await theSnapshot();
    const base = imageTag('pytest', template, s, args);
    expect(imageTag('pytest', [template[0]!, { path: 'entry2.sh', content: template[1]!.content }], s, args)).not.toBe(base);
    expect(imageTag('pytest', [...template, { path: 'extra', content: Buffer.alloc(0) }], s, args)).not.toBe(base);
  });

  it('changes when a build argument value changes or one is added', async () => {
    const s = await theSnapshot();
    const base = imageTag('pytest', template, s, args);
    expect(imageTag('pytest', template, s, { ...args, MIRROR: 'http://mirror.example/debian' })).not.toBe(base);
    expect(imageTag('pytest', template, s, { ...args, EXTRA: '' })).not.toBe(base);
  });

  it('changes when the project changes', async () => {
    const other = await snapshotProject(await dirs.project({ ...PROJECT, 'README.md': '# demo!\n' }));
    expect(imageTag('pytest', template, other, args)).not.toBe(imageTag('pytest', template, await theSnapshot(), args));
  });
});
