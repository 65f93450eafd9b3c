/**
 * Reads project files for applyPatch from the project snapshot: exactly the files the image
 * gets, never a host path the snapshot left out (`.hg/hgrc`, `.venv/secret.env`: issue 12).
 * A path is read only when the snapshot holds it as a regular file, and the bytes read must
 * still have the snapshot's digest; a file changed since the snapshot is refused, so no content
 * the snapshot did not vouch for can reach a message.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError } from '../errors/infra-error.js';
import { ProposalFault } from '../errors/proposal-fault.js';
import { type ProjectSnapshot, sha256 } from '../project/project-snapshot.js';
import type { FileReader } from './apply-patch.js';

export function snapshotFileReader(snapshot: ProjectSnapshot): FileReader {
  return async (path) => {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const entry = snapshot.entries.get(prefix);
      // Not in the snapshot (absent, or in a folder it leaves out): the project has no such file.
      if (entry === undefined) return null;
      if (entry.type === 'symlink') {
        if (i < parts.length) throw new ProposalFault('PATH_THROUGH_SYMLINK', `the diff changes "${path}", which passes through "${prefix}", a symlink in the project`, { path, symlink: prefix });
        throw new ProposalFault('PATH_IS_SYMLINK', `the diff changes "${path}", a symlink in the project; a diff can only change regular files`, { path });
      }
      if (i < parts.length && entry.type !== 'dir') return null;
      if (i === parts.length && entry.type === 'dir') throw new ProposalFault('PATH_IS_DIRECTORY', `the diff changes "${path}", a folder in the project (a diff names files)`, { path });
    }
    const entry = snapshot.entries.get(path);
    if (entry === undefined) return null;
    const content = await readExactly(join(snapshot.root, path), entry.size, path);
    if (content === null || sha256(content) !== entry.digest) {
      throw new InfraError('PROJECT_CHANGED', `"${path}" changed in the project while the diff was being applied; propose it again`, { path });
    }
    return content;
  };
}

/**
 * The file's bytes when it is still a regular file of `size` bytes, else null. Not through a
 * symlink, never blocking (a FIFO put in its place), never reading more than `size` + 1 bytes.
 */
async function readExactly(file: string, size: number, path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (cause) {
    throw new InfraError('PROJECT_CHANGED', `"${path}" can no longer be read in the project; propose it again`, { path }, { cause });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size !== size) return null;
    const buffer = Buffer.alloc(size + 1);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === size ? buffer.subarray(0, size) : null;
  } finally {
    await handle.close();
  }
}
