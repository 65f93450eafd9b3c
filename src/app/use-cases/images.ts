/**
 * The project images (`patchproof images`): size and last use, least recently used first; and
 * keeping them within PATCHPROOF_IMAGE_DISK_MB (the worker's schedule and each build call it).
 */
import { evictOverDisk, listProjectImages, type ProjectImage } from '../../images/image-disk.js';
import { imagesInUseHere } from '../../images/image-uses.js';
import { imageLastUses } from '../../storage/image-last-uses.js';
import type { AppContext } from '../context.js';
import { pageLimit } from '../paging-cursor.js';
import type { ImageListView } from '../views/image-view.js';

/** `limit`: at most that many (default 50, at most 200); null: all of them (the CLI on this host). */
export async function listImages(ctx: AppContext, limit?: number | null): Promise<ImageListView> {
  const shown = limit === null ? Number.POSITIVE_INFINITY : pageLimit(limit);
  const images = await currentImages(ctx);
  const bound = ctx.config.PATCHPROOF_IMAGE_DISK_MB;
  return {
    images: images.slice(0, shown).map(imageView),
    total: images.length,
    totalBytes: images.reduce((sum, image) => sum + image.sizeBytes, 0),
    diskLimitBytes: bound === undefined ? null : bound * 1024 * 1024,
  };
}

/** The tags removed to bring the images within the bound; none when no bound is set. */
export async function enforceImageDisk(ctx: AppContext): Promise<string[]> {
  const limit = ctx.config.PATCHPROOF_IMAGE_DISK_MB;
  if (limit === undefined) return [];
  return evictOverDisk(await ctx.engine(), await currentImages(ctx), limit * 1024 * 1024);
}

async function currentImages(ctx: AppContext): Promise<ProjectImage[]> {
  const [docker, storage] = await Promise.all([ctx.engine(), ctx.storage()]);
  return listProjectImages(docker, await imageLastUses(storage.db), imagesInUseHere());
}

function imageView(image: ProjectImage): ImageListView['images'][number] {
  return {
    tag: image.tag,
    sizeBytes: image.sizeBytes,
    createdAt: new Date(image.createdAt).toISOString(),
    lastUsedAt: image.lastUsedAt === null ? null : new Date(image.lastUsedAt).toISOString(),
    inUse: image.inUse,
  };
}
