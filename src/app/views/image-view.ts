/** A project image on the engine: `patchproof images`, GET /v1/images. */
import { z } from 'zod';

export const ImageView = z.object({
  tag: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  /** When the last validation that ran in it finished; null when none is recorded. */
  lastUsedAt: z.string().nullable(),
  /** A container of it exists (a validation's, a warm sandbox's): never evicted. */
  inUse: z.boolean(),
});
export type ImageView = z.infer<typeof ImageView>;

/**
 * The first `limit` images, least recently used first (the eviction order). No cursor: the list
 * is the engine's, read whole each time and kept small by the disk bound, and its order moves as
 * images are used; `total` says how many there are, `totalBytes` is over all of them.
 */
export const ImageListView = z.object({
  images: z.array(ImageView),
  total: z.number().int(),
  totalBytes: z.number(),
  /** PATCHPROOF_IMAGE_DISK_MB in bytes; null: no bound. */
  diskLimitBytes: z.number().nullable(),
});
export type ImageListView = z.infer<typeof ImageListView>;
