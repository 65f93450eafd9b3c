/** Keeps project images within PATCHPROOF_IMAGE_DISK_MB: least recently used removed first, never one in use. */
import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import { evictOverDisk, listProjectImages } from '../src/images/image-disk.js';
import { imagesInUseHere } from '../src/images/image-uses.js';
import { imageLastUses } from '../src/storage/image-last-uses.js';

export async function boundImageDisk(docker: Docker, db: DataSource, boundBytes: number, log: (line: string) => void): Promise<void> {
  try {
    const lastUse = await imageLastUses(db);
    const removed = await evictOverDisk(docker, await listProjectImages(docker, lastUse, imagesInUseHere()), boundBytes);
    if (removed.length > 0) log(`image disk bound: removed ${removed.join(', ')} (least recently used)`);
  } catch (error) {
    log(`image disk bound could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
}
