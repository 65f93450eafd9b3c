import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/changes/change.js';
import { checkAgainstProject } from '../../../src/changes/check-against-project.js';
import { ProposalFault } from '../../../src/errors/proposal-fault.js';
import { type ProjectSnapshot, snapshotProject } from '../../../src/project/project-snapshot.js';
import { TempDirs } from '../../support/temp-dirs.js';

const write = (path: string, text = 'x'): Change => ({ kind: 'write', path, content: Buffer.from(text) });
const remove = (path: string): Change => ({ kind: 'delete', path });

function faultOf(changes: readonly Change[], snapshot: ProjectSnapshot): ProposalFault {
  try {
    checkAgainstProject(changes, snapshot);
  } catch (e) {
    expect(e).toBeInstanceOf(ProposalFault);
    return e as ProposalFault;
  }
  throw new Error(`checkAgainstProject accepted ${changes.map((c) => `${c.kind} ${c.path}`).join(', ')}`);
}

describe('checkAgainstProject', () => {
  const dirs = new TempDirs();
  let snapshot: ProjectSnapshot;

  beforeAll(async () => {
    const root = await dirs.project(
      { 'README.md': '# demo\n', 'src/app.py': 'print(1)\n', 'src/pkg/__init__.py': '', 'docs/': '' },
      { etc: '/etc', 'src/up': '..', 'readme-link': 'README.md' },
    );
    snapshot = await snapshotProject(root);
    // The project is what the test says it is.
    expect(snapshot.entries.get('etc')?.type).toBe('symlink');
    expect(snapshot.entries.get('src')?.type).toBe('dir');
    expect(snapshot.entries.get('README.md')?.type).toBe('file');
  });
  afterAll(() => dirs.removeAll());

  it('refuses a write through a symlink to a folder outside the project, naming the symlink and its target', () => {
    const fault = faultOf([write('etc/cron.d/evil')], snapshot);
    expect(fault.code).toBe('PATH_THROUGH_SYMLINK');
    expect(fault.message).toContain('"etc"');
    expect(fault.message).toContain('"/etc"');
    expect(fault.context).toEqual({ path: 'etc/cron.d/evil', symlink: 'etc' });
  });

  it('refuses a write through a symlink deeper in the project', () => {
    const fault = faultOf([write('src/up/README.md')], snapshot);
    expect(fault.code).toBe('PATH_THROUGH_SYMLINK');
    expect(fault.context).toMatchObject({ symlink: 'src/up' });
  });

  it('refuses a deletion through a symlink as a symlink fault, not as a missing file', () => {
    expect(faultOf([remove('etc/passwd')], snapshot).code).toBe('PATH_THROUGH_SYMLINK');
  });

  it('refuses a path under an existing file', () => {
    const fault = faultOf([write('README.md/inner.txt')], snapshot);
    expect(fault.code).toBe('PATH_IS_DIRECTORY');
    expect(fault.message).toContain('"README.md"');
    const deeper = faultOf([write('src/app.py/a/b.py')], snapshot);
    expect(deeper.code).toBe('PATH_IS_DIRECTORY');
    expect(deeper.message).toContain('"src/app.py"');
  });

  it('refuses writing a file onto an existing folder', () => {
    for (const folder of ['src', 'docs', 'src/pkg']) {
      const fault = faultOf([write(folder)], snapshot);
      expect(fault.code).toBe('PATH_IS_DIRECTORY');
      expect(fault.context).toEqual({ path: folder });
    }
  });

  it('refuses deleting a folder', () => {
    expect(faultOf([remove('src/pkg')], snapshot).code).toBe('PATH_IS_DIRECTORY');
  });

  it('refuses deleting a file the project does not have', () => {
    const fault = faultOf([remove('src/missing.py')], snapshot);
    expect(fault.code).toBe('DELETE_MISSING');
    expect(fault.message).toContain('"src/missing.py"');
  });

  it('finds the bad change among good ones', () => {
    const fault = faultOf([write('README.md', 'new'), write('new/file.py'), remove('gone.txt')], snapshot);
    expect(fault.code).toBe('DELETE_MISSING');
    expect(fault.context).toEqual({ path: 'gone.txt' });
  });

  it('allows deleting an existing symlink, existing files and replacing existing files', () => {
    expect(() => checkAgainstProject([remove('etc'), remove('readme-link'), remove('src/app.py'), write('README.md', 'changed')], snapshot)).not.toThrow();
  });

  it('allows new files in new nested folders and in existing folders', () => {
    expect(() => checkAgainstProject([write('new/deeper/still/file.py'), write('src/pkg/new_mod.py'), write('src/new/sub/x.py'), write('docs/index.md')], snapshot)).not.toThrow();
  });

  it('does not mistake a name that starts like a symlink for the symlink', () => {
    expect(() => checkAgainstProject([write('etc2/file'), write('etcetera.txt')], snapshot)).not.toThrow();
  });
});
