/**
 * Images are named by what went into them: the template files, the project snapshot, the base
 * image and the build arguments. The same inputs give the same tag, so a second validation of an
 * unchanged project finds its image and builds nothing.
 */
import { createHash } from 'node:crypto';
import type { TemplateFile } from './build-context.js';
import { type ProjectSnapshot, snapshotDigest } from '../project/project-snapshot.js';

export const IMAGE_REPOSITORY = 'patchproof';

export function imageTag(toolchain: string, template: readonly TemplateFile[], snapshot: ProjectSnapshot, buildArgs: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const file of template) hash.update(`template\0${file.path}\0`).update(file.content).update('\n');
  for (const key of Object.keys(buildArgs).sort()) hash.update(`arg\0${key}=${buildArgs[key] ?? ''}\n`);
  hash.update(`project\0${snapshotDigest(snapshot)}\n`);
  return `${IMAGE_REPOSITORY}/${toolchain}:${hash.digest('hex').slice(0, 24)}`;
}
