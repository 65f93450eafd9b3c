/** What the Maven repository of an image holds: the listing its template wrote (index.txt). */
import type Docker from 'dockerode';
import { readImageFile } from '../../../images/read-image-file.js';
import { parseRepoIndex, type RepoIndex } from '../pom-rewrite/repo-index.js';

const INDEX_FOLDER = '/opt/patchproof/maven-repo';
const INDEX_FILE = 'index.txt';
const indexes = new Map<string, Promise<RepoIndex>>();

/** Images are named by content, so an image's listing is read once per process. */
export async function imageRepoIndex(docker: Docker, image: string, engineTimeoutMs: number): Promise<RepoIndex> {
  let index = indexes.get(image);
  if (index === undefined) {
    index = readImageFile(docker, image, INDEX_FOLDER, INDEX_FILE, engineTimeoutMs).then((b) => parseRepoIndex(b.toString('utf8')));
    index.catch(() => indexes.delete(image));
    indexes.set(image, index);
  }
  return index;
}

/** Forgets an image's listing (the image was removed, and the same tag may be built again). */
export function forgetImageRepoIndex(image: string): void {
  indexes.delete(image);
}
