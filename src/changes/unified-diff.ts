/**
 * Reads a unified diff, as `git diff`, `diff -u` and `diff -ruN` write it, into FilePatches: which
 * file each part changes and the hunks that change it. Pure: nothing is read but the bytes given
 * (read-patch-file.ts reads the file, apply-patch.ts the project). Anything it does not
 * understand is refused whole, with an InputError naming the diff line.
 *
 * The diff is read as bytes (one buffer, lines as offsets into it) so that file content in any
 * encoding, CRLF line ends included, comes through exactly. Only paths are decoded, as UTF-8.
 * The parts, in diff/: diff-text (the buffer and its line table), diff-reader (a file's part:
 * headers, names), hunk-reader (a hunk's body), diff-names (quoting, prefixes), resolve-names
 * (project paths), diff-limits (caps), file-patch (what comes out).
 */
import { InputError } from '../errors/input-error.js';
import type { ChangeLimits } from './changes-file.js';
import { checkAddedBytes, checkTouches, diffSizeLimit, MAX_DIFF_HUNKS, MAX_DIFF_LINES } from './diff/diff-limits.js';
import { DiffReader } from './diff/diff-reader.js';
import { DiffText } from './diff/diff-text.js';
import type { FilePatch } from './diff/file-patch.js';
import { resolveNames } from './diff/resolve-names.js';

export { diffSizeLimit, MAX_DIFF_HUNKS, MAX_DIFF_LINES } from './diff/diff-limits.js';
export { type FilePatch, Hunk, type HunkLine, type LineTag } from './diff/file-patch.js';

/** Parses a whole diff; `source` names it in messages ("<source>:<line>: ..."). */
export function parseUnifiedDiff(diff: string | Buffer, limits: ChangeLimits, source = 'diff'): FilePatch[] {
  const bytes = typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff;
  const cap = diffSizeLimit(limits);
  if (bytes.length > cap) throw new InputError(`${source}: ${bytes.length} bytes, more than the limit of ${cap} for a diff`);
  if (isBlank(bytes)) throw new InputError(`${source}: the diff is empty, it holds no changes`);
  const reader = new DiffReader(new DiffText(bytes, source, MAX_DIFF_LINES), { maxFiles: limits.maxFiles, maxHunks: MAX_DIFF_HUNKS });
  const parts = reader.parts();
  const fail = reader.fail.bind(reader);
  const patches = resolveNames(parts, fail);
  checkTouches(patches, fail);
  checkAddedBytes(parts, patches, limits, source);
  return patches;
}

/** Only whitespace, as String.trim sees it for the ASCII a diff starts with. */
function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 11 && byte !== 12) return false;
  return true;
}
