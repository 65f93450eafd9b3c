/**
 * What a project directory holds, read once: every file, folder and symlink with its type, so
 * one walk serves the content hash, the image build context and the symlink checks on changes.
 * Caches, virtualenvs and VCS folders are left out: they are not the project.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors/input-error.js';
import { isLeftOut } from './left-out.js';

export type EntryType = 'file' | 'dir' | 'symlink';

export interface ProjectEntry {
  readonly path: string;
  readonly type: EntryType;
  readonly executable: boolean;
  readonly size: number;
  readonly linkTarget: string | null;
  /** sha256 of the content (files) or of the link target (symlinks); "" for folders. */
  readonly digest: string;
}

export interface ProjectSnapshot {
  readonly root: string;
  readonly entries: ReadonlyMap<string, ProjectEntry>;
  readonly totalBytes: number;
}

const MAX_PROJECT_BYTES = 2 * 1024 * 1024 * 1024;

export async function snapshotProject(root: string): Promise<ProjectSnapshot> {
  const rootStat = await lstat(root).catch((cause: unknown) => {
    throw new InputError(`project directory ${root} does not exist or cannot be read`, { root }, { cause, code: 'project_unusable' });
  });
  if (!rootStat.isDirectory()) throw new InputError(`project path ${root} is not a directory`, { root }, { code: 'project_unusable' });
  const entries = new Map<string, ProjectEntry>();
  let totalBytes = 0;

  async function walk(relDir: string): Promise<void> {
    const names = (await readdir(join(root, relDir))).sort();
    for (const name of names) {
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const full = join(root, rel);
      const st = await lstat(full);
      const type: EntryType | null = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : null;
      // Sockets, FIFOs and devices are not source code.
      if (type === null || isLeftOut(name, type)) continue;
      if (type === 'dir') {
        entries.set(rel, { path: rel, type, executable: false, size: 0, linkTarget: null, digest: '' });
        await walk(rel);
      } else if (type === 'symlink') {
        const target = await readlink(full);
        entries.set(rel, { path: rel, type, executable: false, size: 0, linkTarget: target, digest: sha256(Buffer.from(target)) });
      } else {
        totalBytes += st.size;
        if (totalBytes > MAX_PROJECT_BYTES) throw new InputError(`project ${root} is larger than ${MAX_PROJECT_BYTES} bytes`, { root }, { code: 'project_unusable' });
        const content = await readFile(full);
        entries.set(rel, { path: rel, type, executable: (st.mode & 0o111) !== 0, size: st.size, linkTarget: null, digest: sha256(content) });
      }
    }
  }
  await walk('');
  return { root, entries, totalBytes };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stable digest of the whole snapshot: equal projects give equal digests, on any machine. */
export function snapshotDigest(snapshot: ProjectSnapshot): string {
  const hash = createHash('sha256');
  for (const path of [...snapshot.entries.keys()].sort()) {
    const e = snapshot.entries.get(path);
    if (e === undefined) continue;
    hash.update(`${e.type}\0${e.path}\0${e.executable ? 'x' : '-'}\0${e.digest}\n`);
  }
  return hash.digest('hex');
}
