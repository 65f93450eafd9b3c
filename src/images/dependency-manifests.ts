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
  const before = [...toolchain.dependencyManifests(snapshot)];
  const after = toolchain.dependencyManifests({ ...snapshot, entries });
  const written = new Map(changes.flatMap((c) => (c.kind === 'write' ? [[c.path, c.content] as const] : [])));
  if (!changes.some((c) => before.includes(c.path) || after.includes(c.path))) {
    return { files: await Promise.all(after.map(async (path) => ({ path, content: await readFile(join(snapshot.root, path)) }))), changedDigest: null };
  }
  const files: ManifestFile[] = [];
  for (const path of after) files.push({ path, content: written.get(path) ?? (await readFile(join(snapshot.root, path))) });
  const project = await Promise.all(before.map(async (path) => ({ path, content: await readFile(join(snapshot.root, path)) })));
  // Keyed by what the manifests hold once the changes are applied: a proposal that writes them
  // back unchanged keeps the project's image, and two that leave the same ones share an image.
  const digest = manifestsDigest(files);
  return { files, changedDigest: digest === manifestsDigest(project) ? null : digest };
}

function manifestsDigest(files: readonly ManifestFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.content.length}\0`).update(file.content).update('\n');
  return hash.digest('hex');
}
