/**
 * The tar archive that carries a proposal's written files into the sandbox, made in memory with
 * tar-stream. Only regular files and folders, owned by the sandbox user, plain modes: no links,
 * devices or setuid bits can arrive this way, whatever the proposal says.
 */
import tar from 'tar-stream';
import type { Change } from '../changes/change.js';

export const SANDBOX_UID = 1000;
export const SANDBOX_GID = 1000;

export async function changeArchive(changes: readonly Change[]): Promise<Buffer> {
  const pack = tar.pack();
  const owner = { uid: SANDBOX_UID, gid: SANDBOX_GID, mtime: new Date() };
  const folders = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'write') continue;
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
