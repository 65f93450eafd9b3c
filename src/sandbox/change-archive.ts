/**
 * The tar archive that carries a proposal's written files into the sandbox, made in memory with
 * tar-stream. Only regular files and folders, owned by the sandbox user, plain modes: no links,
 * devices or setuid bits can arrive this way, whatever the proposal says.
 *
 * The changes are checked again here, at the door of the sandbox, whatever checked them on the
 * way in (a changes file, a diff, a stored proposal): the engine extracts as root inside the
 * container and refuses a `..` entry only as an engine error (docs/sandbox.md P15, P16).
 */
import tar from 'tar-stream';
import type { Change } from '../changes/change.js';
import { projectPathProblem } from '../changes/project-path.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { SANDBOX_GID, SANDBOX_UID } from './layout.js';

export interface UploadLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
}

/** The workspace the changes go into: its size, and the project copy already in it. */
export interface WorkspaceRoom {
  readonly bytes: number;
  readonly project: ProjectSnapshot;
}

/**
 * Why these changes may not enter the sandbox, in words a person reads; null when they may.
 * Whatever the engine would refuse because of the change (a path past PATH_MAX, more bytes than
 * the workspace has room for) is refused here, as the change's fault, never left to become an
 * engine error retried as ours.
 */
export function uploadProblem(changes: readonly Change[], limits: UploadLimits, room?: WorkspaceRoom): string | null {
  if (changes.length > limits.maxFiles) return `${changes.length} changed files, more than the limit of ${limits.maxFiles}`;
  const seen = new Set<string>();
  let total = 0;
  for (const change of changes) {
    const problem = projectPathProblem(change.path);
    if (problem !== null) return `the path "${printable(change.path)}" ${problem}`;
    if (seen.has(change.path)) return `the path "${change.path}" is changed more than once`;
    seen.add(change.path);
    if (change.kind !== 'write') continue;
    if (change.content.length > limits.maxFileBytes) return `"${change.path}" has ${change.content.length} bytes, more than the limit of ${limits.maxFileBytes}`;
    total += change.content.length;
    if (total > limits.maxTotalBytes) return `the changed files hold more than ${limits.maxTotalBytes} bytes together`;
  }
  return room === undefined ? null : roomProblem(changes, room);
}

/** tmpfs gives out whole pages: a file takes its size rounded up to one. */
const PAGE = 4096;
const pages = (bytes: number): number => Math.ceil(bytes / PAGE) * PAGE;

/** The upload lands after the project copy: files it rewrites give their room back, deletions come after it. */
function roomProblem(changes: readonly Change[], room: WorkspaceRoom): string | null {
  const written = new Set(changes.filter((c) => c.kind === 'write').map((c) => c.path));
  let project = 0;
  for (const entry of room.project.entries.values()) if (entry.type === 'file' && !written.has(entry.path)) project += pages(entry.size);
  let need = 0;
  for (const change of changes) if (change.kind === 'write') need += pages(change.content.length);
  if (project + need <= room.bytes) return null;
  return `the changed files need ${need} bytes of the workspace, but only ${Math.max(0, room.bytes - project)} of its ${room.bytes} are left once the project is in it`;
}

export async function changeArchive(changes: readonly Change[]): Promise<Buffer> {
  const pack = tar.pack();
  const owner = { uid: SANDBOX_UID, gid: SANDBOX_GID, mtime: new Date() };
  const folders = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'write') continue;
    // The pipeline refused these already (uploadProblem); an archive never carries one.
    if (projectPathProblem(change.path) !== null) throw new Error(`refusing to archive the path "${printable(change.path)}"`);
    const parts = change.path.split('/');
    // Parent folders are listed so that new ones belong to the sandbox user, not root.
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (folders.has(folder)) continue;
      folders.add(folder);
      pack.entry({ ...owner, name: folder, type: 'directory', mode: 0o755 });
    }
    pack.entry({ ...owner, name: change.path, type: 'file', mode: 0o644 }, change.content);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Control characters shown escaped, and a very long path cut, so the reason stays one readable line. */
function printable(path: string): string {
  const shown = JSON.stringify(path).slice(1, -1);
  return shown.length > 120 ? `${shown.slice(0, 120)}…` : shown;
}
