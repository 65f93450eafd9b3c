/**
 * The manifest files an image's dependency layer is built from: the project's, as a proposal
 * leaves them. A proposal that adds a requirement gets it installed (its own image, keyed by the
 * manifests it writes); one that changes only source shares the project's image and layer.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change } from '../changes/change.js';
import type { ImageRecipe } from './image-recipe.js';
import type { ProjectEntry, ProjectSnapshot } from '../project/project-snapshot.js';

export interface ManifestFile {
  readonly path: string;
  readonly content: Buffer;
}

export interface Manifests {
  readonly files: readonly ManifestFile[];
  /** A digest of the manifests the changes wrote or deleted; null when they touched none (the image is the project's). */
  readonly changedDigest: string | null;
}

export async function dependencyManifests(toolchain: Pick<ImageRecipe, 'dependencyManifests'>, snapshot: ProjectSnapshot, changes: readonly Change[]): Promise<Manifests> {
  if (toolchain.dependencyManifests === undefined) return { files: [], changedDigest: null };
  const entries = new Map<string, ProjectEntry>(snapshot.entries);
  for (const c of changes) {
    if (c.kind === 'delete') entries.delete(c.path);
    else entries.set(c.path, { path: c.path, type: 'file', executable: false, size: c.content.length, linkTarget: null, digest: '' });
  }
  const before = new Set(toolchain.dependencyManifests(snapshot));
  const after = toolchain.dependencyManifests({ ...snapshot, entries });
  const written = new Map(changes.flatMap((c) => (c.kind === 'write' ? [[c.path, c.content] as const] : [])));
  const touched = [...new Set([...before, ...after])].filter((path) => changes.some((c) => c.path === path)).sort();
  const files: ManifestFile[] = [];
  for (const path of after) files.push({ path, content: written.get(path) ?? (await readFile(join(snapshot.root, path))) });
  if (touched.length === 0) return { files, changedDigest: null };
  const hash = createHash('sha256');
  for (const path of touched) hash.update(`${path}\0`).update(written.get(path) ?? 'deleted').update('\n');
  return { files, changedDigest: hash.digest('hex') };
}
