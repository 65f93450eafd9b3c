/**
 * Change entries that try to leave the workspace, or to swamp it: `..`, absolute paths, a path
 * through a symlink of the project, a diff that makes a symlink or climbs out, names past the
 * file system's limit, reserved folders (the report folder among them), more files than allowed.
 * All are refused before any container starts, even when handed to the pipeline directly (the
 * sandbox checks again what intake checked); the host file they aim at is never touched. What is
 * allowed at the edge (1 000 files, a 255-byte name, deep folders) arrives inside the workspace
 * as plain files of the sandbox user, and hard links out of the workspace fail.
 */
import { symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { applyPatch } from '../../src/changes/apply-patch.js';
import { snapshotFileReader } from '../../src/changes/snapshot-file-reader.js';
import { snapshotProject } from '../../src/project/project-snapshot.js';
import { parseUnifiedDiff } from '../../src/changes/unified-diff.js';
import { ProposalFault } from '../../src/errors/proposal-fault.js';
import { InputError } from '../../src/errors/input-error.js';
import { config, validateAsking, write } from '../support/run-validation.js';
import { scratchProject } from '../support/scratch-project.js';
import { Attack, SMALL_LIMITS, testFile } from './attack-harness.js';

const LIMITS = { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES };

function gitDiff(path: string, extra = ''): string {
  return `diff --git a/${path} b/${path}\n${extra}--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+pwned\n`;
}

describe('change entries that escape', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('are refused before any container starts, whatever path they take', async () => {
    const marker = attack.marker.path;
    const climb = `${'../'.repeat(12)}${marker.slice(1)}`;
    const refused: [Change[], RegExp][] = [
      [[write(climb, 'pwned')], /escapes the project \(contains \.\.\)/],
      [[write(marker, 'pwned')], /is absolute/],
      [[write('tests/../../outside.txt', 'pwned')], /escapes the project/],
      [[{ kind: 'delete', path: relative(attack.project, marker) }], /escapes the project/],
      [[write('tests/nul\0byte.py', 'x')], /contains a NUL byte/],
      [[write(`tests/${'n'.repeat(256)}.py`, 'x')], /has a name longer than 255 bytes/],
      [[write('.git/hooks/pre-commit', '#!/bin/sh\n')], /inside \.git\//],
      [[write('.patchproof/reports/junit.xml', '<testsuites/>')], /inside \.patchproof\//],
      [[write('tests/a.py', 'x'), write('tests/a.py', 'y')], /is changed more than once/],
      [Array.from({ length: LIMITS.maxFiles + 1 }, (_, i) => write(`many/f${i}.txt`, 'x')), /1001 changed files, more than the limit of 1000/],
    ];
    for (const [changes, why] of refused) {
      const result = await attack.run(changes);
      expect(result.outcome, result.reason).toBe('rejected');
      expect(result.code).toBe('unsafe_change');
      expect(result.reason).toMatch(/^change refused before it reached the sandbox: /);
      expect(result.reason).toMatch(why);
      expect(result.image).toBeNull();
      expect(result.containerId).toBeNull();
    }
  });

  it('through a symlink of the project is a fault, in a changes file and in a diff alike', async () => {
    // A project of its own: a symlink changes the project, and with it the image.
    const linked = await scratchProject();
    await symlink('/etc', join(linked, 'escape'));
    const result = await validateAsking(linked, [write('escape/patchproof-was-here', 'x')], SMALL_LIMITS);
    expect(result.code).toBe('fault:PATH_THROUGH_SYMLINK');
    expect(result.containerId).toBeNull();
    const patches = parseUnifiedDiff(`--- a/escape/passwd\n+++ b/escape/passwd\n@@ -1 +1 @@\n-root\n+pwned\n`, LIMITS);
    await expect(applyPatch(patches, snapshotFileReader(await snapshotProject(linked)), LIMITS)).rejects.toSatisfy((e) => e instanceof ProposalFault && e.code === 'PATH_THROUGH_SYMLINK');
  });

  it('in a diff that climbs out, is absolute, or makes a symlink is refused as bad input', () => {
    for (const diff of [gitDiff('../../etc/cron.d/x'), `--- /dev/null\n+++ /etc/cron.d/x\n@@ -0,0 +1 @@\n+pwned\n`, gitDiff('link', 'new file mode 120000\n')]) {
      expect(() => parseUnifiedDiff(diff, LIMITS)).toThrow(InputError);
    }
  });

  it('at the edge of what is allowed are contained: plain files of the sandbox user, inside the workspace', async () => {
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/');
    const edge = [
      ...Array.from({ length: LIMITS.maxFiles - 3 }, (_, i) => write(`many/f${i}.txt`, `${i}\n`)),
      write(`many/${'n'.repeat(251)}.txt`, 'long name\n'),
      write(`${deep}/deep.txt`, 'deep\n'),
      testFile(
        'test_edge.py',
        `import errno, os, stat
import pytest


def test_contained():
    names = os.listdir("many")
    assert len(names) == ${LIMITS.maxFiles - 2}
    for root, dirs, files in os.walk("."):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            assert stat.S_ISREG(st.st_mode) and not st.st_mode & 0o7000 and st.st_uid == 1000
    assert open("${deep}/deep.txt").read() == "deep\\n"
    # Hard links cannot reach out of the workspace: it is a file system of its own.
    with pytest.raises(OSError) as e:
        os.link("/etc/passwd", "passwd")
    assert e.value.errno in (errno.EXDEV, errno.EPERM)
`,
      ),
    ];
    const result = await attack.run(edge);
    expect(result.outcome, `${result.reason}\n${result.test?.stdout ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_contained:passed');
  });
});
