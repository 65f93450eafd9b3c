/**
 * The content key of a proposal: the project's state plus the changes. Re-submitting the same
 * changes against an unchanged project gives the same key, so its earlier outcome can be reused.
 */
import { createHash } from 'node:crypto';
import type { StoredChange } from '../changes/change.js';

export function contentKey(projectDigest: string, changes: readonly StoredChange[]): string {
  const hash = createHash('sha256').update(`project\0${projectDigest}\n`);
  for (const change of [...changes].sort((a, b) => (a.filepath < b.filepath ? -1 : a.filepath > b.filepath ? 1 : 0))) {
    hash.update('delete' in change ? `delete\0${change.filepath}\n` : `write\0${change.filepath}\0${change.contentBase64}\n`);
  }
  return hash.digest('hex');
}

/** The key of a diff that did not apply: there are no changes to hash, so the diff itself is. */
export function unappliedPatchKey(projectDigest: string, patch: string): string {
  return createHash('sha256').update(`project\0${projectDigest}\nunapplied patch\0${patch}`).digest('hex');
}
