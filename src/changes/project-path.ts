/**
 * The shape check every proposed path passes before anything else looks at it: relative,
 * already normalised, no NUL, short enough for the sandbox, and inside what the project snapshot
 * holds (outside the folders patchproof and git keep, and outside the ones it leaves out).
 * Whether it passes through a symlink of the project is checked later, against the project.
 */
import { leftOutReason } from '../project/left-out.js';

/** Where a change lands in the sandbox; the path there must fit Linux's limits. */
const SANDBOX_PREFIX = '/workspace/';
const PATH_MAX = 4096;
/** PATH_MAX counts the prefix and the terminating NUL, in bytes. */
export const MAX_PATH_BYTES = PATH_MAX - Buffer.byteLength(SANDBOX_PREFIX) - 1;
export const MAX_NAME_BYTES = 255;
/** `.patchproof` holds the reports the verdict is read from: a change may not write there. */
const RESERVED_TOP = new Set(['.git', '.patchproof']);

/** Returns null when the path is acceptable, else the reason it is not. */
export function projectPathProblem(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.includes('\0')) return 'contains a NUL byte';
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_PATH_BYTES) {
    return `is ${bytes} bytes long, more than the limit of ${MAX_PATH_BYTES} (${SANDBOX_PREFIX}<path> and its NUL must fit in PATH_MAX, ${PATH_MAX} bytes)`;
  }
  if (path.includes('\\')) return 'contains a backslash (use / between folders)';
  if (path.startsWith('/')) return 'is absolute (paths are relative to the project root)';
  if (/^[A-Za-z]:/.test(path)) return 'has a drive letter (paths are relative to the project root)';
  const parts = path.split('/');
  for (const part of parts) {
    if (part === '') return 'is not normalised (empty folder name: a doubled or trailing /)';
    if (part === '..') return 'escapes the project (contains ..)';
    if (part === '.') return 'is not normalised (contains a . folder)';
    const nameBytes = Buffer.byteLength(part);
    if (nameBytes > MAX_NAME_BYTES) return `has a name longer than ${MAX_NAME_BYTES} bytes (NAME_MAX; this one has ${nameBytes})`;
    if (/[\u0000-\u001f\u007f]/.test(part)) return 'contains a control character';
    // Nested repositories are left out of snapshots too: never a change target.
    if (part === '.git') return 'is inside .git/, which a change may not touch';
  }
  if (RESERVED_TOP.has(parts[0] ?? '')) return `is inside ${parts[0]}/, which a change may not touch`;
  const leftOut = leftOutReason(path);
  if (leftOut !== null) return `is ${leftOut}`;
  return null;
}
