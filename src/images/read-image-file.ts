/**
 * One file out of an image (a file of its own folder, as getArchive names entries by the folder
 * read), read through a container that is created and never started (no
 * process of the image runs), labelled as ours and removed in a finally, whatever happens.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { readArchive } from '../sandbox/read-archive.js';
import { ownerLabels } from '../sandbox/labels.js';

const LIMITS = { maxEntries: 4, maxBytes: 32 * 1024 * 1024 };

export async function readImageFile(docker: Docker, image: string, folder: string, name: string, engineTimeoutMs: number): Promise<Buffer> {
  const path = `${folder}/${name}`;
  const labels = ownerLabels({ kind: 'job', id: `read-image-file-${randomUUID()}` });
  const container = await withDeadline('creating a container to read an image file', engineTimeoutMs, (abortSignal) =>
    docker.createContainer({ Image: image, Cmd: ['true'], Labels: labels, NetworkDisabled: true, HostConfig: { NetworkMode: 'none' }, abortSignal }),
  );
  try {
    const read = await withDeadline(`reading ${path} from ${image}`, engineTimeoutMs, async (abortSignal) => {
      const stream = await container.getArchive({ path: folder, abortSignal });
      try {
        return await readArchive(stream, LIMITS);
      } finally {
        closeStream(stream);
      }
    });
    const content = read.kind === 'read' ? read.files.get(name) : undefined;
    if (content === undefined) throw new InfraError('IMAGE_BUILD_FAILED', `${image} has no readable ${path}`, { image, path });
    return content;
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('IMAGE_BUILD_FAILED', `could not read ${path} from ${image}`, { image, path }, { cause });
  } finally {
    await withDeadline('removing the container that read an image file', engineTimeoutMs, (abortSignal) => container.remove({ force: true, abortSignal })).catch(() => undefined);
  }
}
