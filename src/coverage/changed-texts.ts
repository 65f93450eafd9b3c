/**
 * The text files a proposal writes, with their content before the change, read from the project
 * snapshot (the same files the image got): a file the snapshot does not hold as a regular file is
 * new, and one whose bytes no longer have the snapshot's digest counts as new too (every line
 * changed: more lines measured, never fewer). Binary files (a NUL byte) are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../changes/change.js';
import { type ProjectSnapshot, sha256 } from '../project/project-snapshot.js';
import type { ChangedText } from './changed-line-coverage.js';

export function changedTexts(changes: readonly Change[], snapshot: ProjectSnapshot): ChangedText[] {
  const texts: ChangedText[] = [];
  for (const change of changes) {
    if (change.kind !== 'write' || change.content.includes(0)) continue;
    const entry = snapshot.entries.get(change.path);
    let before: string | null = null;
    if (entry?.type === 'file') {
      const content = readOrNull(join(snapshot.root, change.path));
      if (content !== null && sha256(content) === entry.digest) before = content.toString('utf8');
    }
    texts.push({ path: change.path, before, after: change.content.toString('utf8') });
  }
  return texts;
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}
