/**
 * The changes' archive extracted inside the sandbox, from the stdin of the exec that prepares the
 * workspace (sandbox.ts prepareWorkspace, change-extraction.ts), as the sandbox user: links
 * already in the workspace are replaced, never written through (the engine's upload followed
 * them, docs/sandbox.md P16); a path whose parent is a file there gets the folder, as the engine
 * did; a read-only folder of the project still takes its changes; every file belongs to the
 * sandbox user with plain modes. An archive that cannot be extracted (a full workspace, not a tar)
 * fails as ARCHIVE_FAILED with tar's reason, a failing step before it as EXEC_FAILED naming it:
 * never ignored. In the pipeline a change through a file of the project is refused before any
 * container (fault:PATH_IS_DIRECTORY).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { InfraError } from '../../src/errors/infra-error.js';
import type { ProjectEntry, ProjectSnapshot } from '../../src/project/project-snapshot.js';
import { changeArchive } from '../../src/sandbox/change-archive.js';
import { extractionScript } from '../../src/sandbox/change-extraction.js';
import { ownerLabels } from '../../src/sandbox/labels.js';
import { Releasers } from '../../src/sandbox/releasers.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { docker, settings, validate, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { EXAMPLE_PROJECT } from '../support/scratch-project.js';

const releasers = new Releasers();

afterEach(async () => {
  expect(await releasers.releaseAll()).toEqual([]);
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

/** A sandbox of the base image (GNU tar, like every toolchain image), its workspace set up by `setup` as the sandbox user. */
async function sandboxWith(setup: string, workspaceBytes?: number): Promise<Sandbox> {
  const base = await settings();
  const id = randomUUID();
  const limits = workspaceBytes === undefined ? base.limits : { ...base.limits, workspaceBytes };
  const sandbox = await Sandbox.open(docker, { image: base.baseImage, name: `patchproof-${id}`, limits, caps: base.caps, labels: ownerLabels({ kind: 'validation', id, proposalId: 'test' }), engineTimeoutMs: base.engineTimeoutMs }, releasers);
  const done = await sandbox.run(['sh', '-c', setup], 30_000);
  expect(done.exitCode, done.stderr).toBe(0);
  return sandbox;
}

/** What the project holds, as the snapshot says: only its folders matter to the extraction. */
function projectWithFolders(...folders: string[]): ProjectSnapshot {
  const entries = new Map<string, ProjectEntry>(folders.map((path) => [path, { path, type: 'dir', executable: false, size: 0, linkTarget: null, digest: '' }]));
  return { root: '/project', entries, totalBytes: 0 };
}

async function extract(sandbox: Sandbox, changes: Change[], project = projectWithFolders()): Promise<void> {
  const script = extractionScript(changes, project);
  if (script === null) throw new Error('the script should fold');
  await sandbox.prepareWorkspace({ changes: { archive: await changeArchive(changes), script }, timeoutMs: 30_000 });
}

async function shell(sandbox: Sandbox, script: string): Promise<string> {
  const done = await sandbox.run(['sh', '-c', script], 30_000);
  expect(done.exitCode, done.stderr).toBe(0);
  return done.stdout;
}

describe('the changes extracted in the sandbox', () => {
  it('replace links of the workspace instead of writing through them, and arrive as plain files of the sandbox user', async () => {
    const sandbox = await sandboxWith(
      [
        'mkdir /tmp/outside && ln -s /tmp/outside /workspace/escape',
        'echo old > /tmp/target && ln -s /tmp/target /workspace/linked.txt',
        'ln -s /etc /workspace/etc',
        'echo data > /workspace/calc.py',
        'mkdir /workspace/ro && echo keep > /workspace/ro/keep.txt && chmod 555 /workspace/ro',
      ].join(' && '),
    );
    await extract(
      sandbox,
      [write('escape/x.py', 'x\n'), write('linked.txt', 'new\n'), write('etc/passwd', 'pwned\n'), write('calc.py/inner.py', 'inner\n'), write('ro/new.py', 'new\n'), write('new/deep/file.py', 'deep\n')],
      projectWithFolders('ro'),
    );
    const seen = await shell(
      sandbox,
      [
        'ls -A /tmp/outside | wc -l',
        'cat /tmp/target',
        'grep -c pwned /etc/passwd || true',
        'cd /workspace',
        "stat -c '%n %F %a %u:%g' escape escape/x.py linked.txt etc etc/passwd calc.py calc.py/inner.py ro ro/new.py ro/keep.txt new new/deep new/deep/file.py",
        'cat escape/x.py linked.txt etc/passwd calc.py/inner.py ro/new.py new/deep/file.py',
      ].join('\n'),
    );
    expect(seen.split('\n')).toEqual([
      // Nothing went through a link: what they pointed at is as it was.
      '0',
      'old',
      '0',
      'escape directory 755 1000:1000',
      'escape/x.py regular file 644 1000:1000',
      'linked.txt regular file 644 1000:1000',
      'etc directory 755 1000:1000',
      'etc/passwd regular file 644 1000:1000',
      // A file in the way of a folder is replaced by it, as the engine's upload did.
      'calc.py directory 755 1000:1000',
      'calc.py/inner.py regular file 644 1000:1000',
      // A read-only folder of the project took its change; the archive's mode is its mode now.
      'ro directory 755 1000:1000',
      'ro/new.py regular file 644 1000:1000',
      'ro/keep.txt regular file 644 1000:1000',
      'new directory 755 1000:1000',
      'new/deep directory 755 1000:1000',
      'new/deep/file.py regular file 644 1000:1000',
      'x',
      'new',
      'pwned',
      'inner',
      'new',
      'deep',
      '',
    ]);
  });

  it('into a full workspace fail as ARCHIVE_FAILED with tar\'s reason, never ignored', async () => {
    const sandbox = await sandboxWith('head -c 2000000 /dev/zero > /workspace/fill 2>/dev/null; test -s /workspace/fill', 1024 * 1024);
    const failed = await extract(sandbox, [write('src/big.py', 'x'.repeat(256 * 1024))]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(InfraError);
    expect(failed).toMatchObject({ code: 'ARCHIVE_FAILED' });
    expect(String((failed as Error).message)).toMatch(/^extracting the changes into the workspace failed: .*No space left on device/s);
  });

  it('that are not an archive fail as ARCHIVE_FAILED; a failing step before them as EXEC_FAILED naming it, the archive left out', async () => {
    const sandbox = await sandboxWith('true');
    const notTar = await sandbox.prepareWorkspace({ changes: { archive: Buffer.from('not a tar archive at all\n'.repeat(100)), script: extractionScript([], projectWithFolders()) ?? '' }, timeoutMs: 30_000 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(notTar).toMatchObject({ code: 'ARCHIVE_FAILED' });
    expect(String((notTar as Error).message)).toMatch(/does not look like a tar archive/);

    const changes = [write('arrived.txt', 'x\n')];
    const failedFirst = await sandbox
      .prepareWorkspace({ script: { text: 'cp -R -p -- /opt/patchproof/no-such-project/. /workspace/', what: 'copying the project into the workspace' }, changes: { archive: await changeArchive(changes), script: extractionScript(changes, projectWithFolders()) ?? '' }, timeoutMs: 30_000 })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failedFirst).toMatchObject({ code: 'EXEC_FAILED' });
    expect(String((failedFirst as Error).message)).toMatch(/^copying the project into the workspace failed: .*no-such-project/s);
    expect(await shell(sandbox, 'ls -A /workspace')).toBe('');
  });

  it('through a file of the project is refused before any container starts', async () => {
    const result = await validate(EXAMPLE_PROJECT, [write('src/calc/__init__.py/inner.py', 'x = 1\n')]);
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('fault:PATH_IS_DIRECTORY');
    expect(result.containerId).toBeNull();
  });
});
