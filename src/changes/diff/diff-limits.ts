/**
 * What one diff may cost and change: its size, lines and hunks (caps checked while it is read),
 * each path changed once, and the bytes its added lines already commit to.
 */
import { InputError } from '../../errors/input-error.js';
import type { ChangeLimits } from '../changes-file.js';
import type { Part } from './diff-reader.js';
import type { Fail } from './diff-text.js';
import type { FilePatch } from './file-patch.js';

/**
 * Lines in one diff: the offset table costs 4 bytes a line. Twice what deleting the largest
 * file whole takes at 25-byte lines, far more than any review-sized change.
 */
export const MAX_DIFF_LINES = 2_000_000;
/** Hunks in one diff: each is placed by a search in its file (see hunk-search.ts). */
export const MAX_DIFF_HUNKS = 10_000;

/**
 * The most diff text read. Added lines are bounded by maxTotalBytes; the rest is context and
 * removed lines, which for a deleted file are the whole file, so allow a few times as much.
 */
export function diffSizeLimit(limits: ChangeLimits): number {
  return 4 * limits.maxTotalBytes + 1024 * 1024;
}

/** Each path is changed by one part of the diff at most, and never both as a file and as a folder. */
export function checkTouches(patches: readonly FilePatch[], fail: Fail): void {
  const changed = new Map<string, number>();
  for (const patch of patches) {
    const paths = new Set([patch.newPath, patch.copy ? null : patch.oldPath]);
    for (const path of paths) {
      if (path === null) continue;
      const earlier = changed.get(path);
      if (earlier !== undefined) fail(patch.diffLine, `${JSON.stringify(path)} is changed twice: the part at line ${earlier} changes it too`);
      changed.set(path, patch.diffLine);
    }
  }
  for (const [path, line] of changed) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (changed.has(prefix)) fail(line, `${JSON.stringify(path)} needs ${JSON.stringify(prefix)} to be a folder, but the diff also changes it as a file`);
    }
  }
}

/** A file's added lines alone already bound its new size from below: refuse early what must be too big. */
export function checkAddedBytes(parts: readonly Part[], patches: readonly FilePatch[], limits: ChangeLimits, source: string): void {
  let total = 0;
  parts.forEach((part, i) => {
    const path = patches[i]?.newPath ?? patches[i]?.oldPath ?? '';
    if (part.addedBytes > limits.maxFileBytes) {
      throw new InputError(`${source}:${part.line}: ${JSON.stringify(path)} gets ${part.addedBytes} bytes of added lines, more than the limit of ${limits.maxFileBytes} for a file`, { line: part.line });
    }
    total += part.addedBytes;
  });
  if (total > limits.maxTotalBytes) throw new InputError(`${source}: the diff adds ${total} bytes of lines, more than the limit of ${limits.maxTotalBytes}`);
}
