/**
 * The project images on the engine, with their size and last use, and the bound on their disk
 * (PATCHPROOF_IMAGE_DISK_MB): past it, the least recently used are removed until the rest fit.
 * Never one in use: a container of it exists (a validation's, a warm sandbox's), or a validation
 * of this process is between its image and its sandbox. Sizes are the engine's per image, layers
 * shared with the base counted in each: the bound errs on the side of removing.
 */
import type Docker from 'dockerode';
import { statusCode } from '../sandbox/sandbox.js';
import { IMAGE_REPOSITORY } from './image-tag.js';

/** Set on every project image at its build (ensure-image.ts): what tells ours from other images of the repository. */
export const PROJECT_IMAGE_LABEL = 'patchproof.toolchain';

export interface ProjectImage {
  readonly tag: string;
  readonly sizeBytes: number;
  readonly createdAt: number;
  /** The last validation that ran in it finished then; null when none is recorded. */
  readonly lastUsedAt: number | null;
  readonly inUse: boolean;
}

export interface ImageSelector {
  readonly repository: string;
  /** Only images carrying this label; null: every image of the repository (tests). */
  readonly label: string | null;
}

export const PROJECT_IMAGES: ImageSelector = { repository: IMAGE_REPOSITORY, label: PROJECT_IMAGE_LABEL };

/** Least recently used first (never used: by creation). */
export async function listProjectImages(docker: Docker, lastUse: ReadonlyMap<string, number>, inUseHere: ReadonlySet<string>, selector: ImageSelector = PROJECT_IMAGES): Promise<ProjectImage[]> {
  const images = await docker.listImages({ filters: { reference: [`${selector.repository}/*`] } });
  const containers = await docker.listContainers({ all: true });
  const usedIds = new Set(containers.map((c) => c.ImageID));
  const usedNames = new Set(containers.map((c) => c.Image));
  const found: ProjectImage[] = [];
  for (const image of images) {
    if (selector.label !== null && image.Labels?.[selector.label] === undefined) continue;
    for (const tag of image.RepoTags ?? []) {
      const inUse = usedIds.has(image.Id) || usedNames.has(tag) || inUseHere.has(tag);
      found.push({ tag, sizeBytes: image.Size, createdAt: image.Created * 1000, lastUsedAt: lastUse.get(tag) ?? null, inUse });
    }
  }
  return found.sort((a, b) => (a.lastUsedAt ?? a.createdAt) - (b.lastUsedAt ?? b.createdAt) || a.tag.localeCompare(b.tag));
}

/** Removes least recently used images not in use until the rest take at most `maxBytes`; the tags removed. */
export async function evictOverDisk(docker: Docker, images: readonly ProjectImage[], maxBytes: number): Promise<string[]> {
  let total = images.reduce((sum, image) => sum + image.sizeBytes, 0);
  const removed: string[] = [];
  for (const image of images) {
    if (total <= maxBytes) break;
    if (image.inUse) continue;
    try {
      await docker.getImage(image.tag).remove();
      removed.push(image.tag);
      total -= image.sizeBytes;
    } catch (error) {
      // 409: a container took it meanwhile (in use after all); 404: someone removed it first.
      const code = statusCode(error);
      if (code === 404) total -= image.sizeBytes;
      else if (code !== 409) throw error;
    }
  }
  return removed;
}
