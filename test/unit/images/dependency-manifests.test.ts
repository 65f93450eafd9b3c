/** Which manifests a proposal's image installs from, and when the proposal gets an image of its own. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyManifests } from '../../../src/images/dependency-manifests.js';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { pytestToolchain } from '../../../src/toolchains/python/pytest-toolchain.js';

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-manifests-'));
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'requirements.txt'), 'PyYAML\n');
  await writeFile(join(dir, 'tests', 'test_a.py'), 'def test_a():\n    pass\n');
  return dir;
}

const write = (path: string, text: string) => ({ kind: 'write' as const, path, content: Buffer.from(text) });

describe('dependency manifests as a proposal leaves them', () => {
  it('a source-only change keeps the project\'s manifests and image (no digest)', async () => {
    const snapshot = await snapshotProject(await project());
    const m = await dependencyManifests(pytestToolchain, snapshot, [write('tests/test_a.py', 'def test_a():\n    assert 1\n')]);
    expect(m.files.map((f) => [f.path, f.content.toString()])).toEqual([['requirements.txt', 'PyYAML\n']]);
    expect(m.changedDigest).toBeNull();
  });

  it('a written, added or deleted manifest is what gets installed, and keys the image', async () => {
    const snapshot = await snapshotProject(await project());
    const changed = await dependencyManifests(pytestToolchain, snapshot, [write('requirements.txt', 'PyYAML\ntoml\n')]);
    expect(changed.files.map((f) => f.content.toString())).toEqual(['PyYAML\ntoml\n']);
    expect(changed.changedDigest).toMatch(/^[0-9a-f]{64}$/);
    const added = await dependencyManifests(pytestToolchain, snapshot, [write('requirements-dev.txt', 'toml\n')]);
    expect(added.files.map((f) => f.path)).toEqual(['requirements-dev.txt', 'requirements.txt']);
    expect(added.changedDigest).not.toBe(changed.changedDigest);
    const deleted = await dependencyManifests(pytestToolchain, snapshot, [{ kind: 'delete', path: 'requirements.txt' }]);
    expect(deleted.files).toEqual([]);
    expect(deleted.changedDigest).not.toBeNull();
  });

  it('is keyed by what the manifests hold after the changes: written back unchanged keeps the image, the same result shares one', async () => {
    const snapshot = await snapshotProject(await project());
    const same = await dependencyManifests(pytestToolchain, snapshot, [write('requirements.txt', 'PyYAML\n'), write('tests/test_a.py', 'x = 1\n')]);
    expect(same.changedDigest).toBeNull();
    const one = await dependencyManifests(pytestToolchain, snapshot, [write('requirements.txt', 'PyYAML\ntoml\n')]);
    const other = await dependencyManifests(pytestToolchain, snapshot, [write('requirements.txt', 'PyYAML\ntoml\n'), write('tests/test_b.py', 'y = 2\n')]);
    expect(other.changedDigest).toBe(one.changedDigest);
  });
});
