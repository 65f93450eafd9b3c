/**
 * Removes project images nobody has validated with for a while. The engine does not track when
 * an image was last used; our validations do, so an image's idle time runs from its last
 * validation in this database (or from its creation if it has none). Base images are not ours
 * to remove; an image a container still uses is skipped.
 */
import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import { IMAGE_REPOSITORY } from '../src/images/image-tag.js';
import { engineFailure } from '../src/engine/engine-error.js';
import { imageLastUses } from '../src/storage/image-last-uses.js';

export async function pruneIdleImages(docker: Docker, db: DataSource, maxIdleMs: number, now = Date.now(), repository = IMAGE_REPOSITORY): Promise<string[]> {
  const images = await docker.listImages({ filters: { reference: [`${repository}/*`] } });
  const lastUse = await imageLastUses(db);
  const removed: string[] = [];
  for (const image of images) {
    // A runtime's image (runtimes/runtime-image.ts) holds no project and no run records its use: kept.
    if (image.Labels?.['patchproof.runtime'] !== undefined) continue;
    for (const tag of image.RepoTags ?? []) {
      const idleSince = Math.max(lastUse.get(tag) ?? 0, image.Created * 1000);
      if (now - idleSince < maxIdleMs) continue;
      try {
        await docker.getImage(tag).remove();
        removed.push(tag);
      } catch (error) {
        const failure = engineFailure(error);
        if (failure !== 'missing' && failure !== 'conflict') throw error;
      }
    }
  }
  return removed;
}
