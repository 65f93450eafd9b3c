/**
 * The image a validation runs in: found by its content tag, or built once from the toolchain's
 * template plus the project. Concurrent builds of the same tag in one process share one build
 * (only its starter says `built`), and builds of different tags wait for a build slot (build-slots.ts).
 */
import { join } from 'node:path';
import type Docker from 'dockerode';
import { withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { TEMPLATES_DIR } from '../package-root.js';
import type { Toolchain } from '../toolchains/toolchain.js';
import { buildContext, readTemplate } from './build-context.js';
import { buildImage } from './build-image.js';
import { withBuildSlot } from './build-slots.js';
import { imageTag } from './image-tag.js';
import type { ProjectSnapshot } from './project-snapshot.js';

export interface ImageRequest {
  readonly toolchain: Toolchain;
  readonly snapshot: ProjectSnapshot;
  readonly baseImage: string;
  readonly aptMirror: string;
  readonly timeoutMs: number;
  /** The deadline of each engine call other than the build itself (image look-ups). */
  readonly engineTimeoutMs: number;
  readonly onProgress: (line: string) => void;
}

export interface EnsuredImage {
  readonly tag: string;
  readonly built: boolean;
}

const inFlight = new Map<string, Promise<void>>();

export async function ensureImage(docker: Docker, request: ImageRequest): Promise<EnsuredImage> {
  const template = [...(await readTemplate(join(TEMPLATES_DIR, request.toolchain.template))), ...((await request.toolchain.extraContext?.()) ?? [])];
  const buildArgs = { BASE_IMAGE: request.baseImage, APT_MIRROR: request.aptMirror };
  const tag = imageTag(request.toolchain.template, template, request.snapshot, buildArgs);
  if (await exists(docker, tag, request.engineTimeoutMs)) return { tag, built: false };
  if (!(await exists(docker, request.baseImage, request.engineTimeoutMs))) {
    // Without it the engine would try a registry and fail with a confusing network error.
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `base image ${request.baseImage} is missing; run \`npx patchproof setup\` to make it`, { baseImage: request.baseImage });
  }

  let build = inFlight.get(tag);
  // Whoever starts the build built the image; a validation that joined it found it being built.
  const starter = build === undefined;
  if (build === undefined) {
    build = withBuildSlot(() => buildImage(docker, {
      tag,
      context: buildContext(template, request.snapshot),
      buildArgs,
      labels: { 'patchproof.toolchain': request.toolchain.name },
      timeoutMs: request.timeoutMs,
      engineTimeoutMs: request.engineTimeoutMs,
      onProgress: request.onProgress,
    })).finally(() => inFlight.delete(tag));
    inFlight.set(tag, build);
  }
  await build;
  return { tag, built: starter };
}

/** An engine that does not answer is not an image that is missing: that ends as ENGINE_TIMEOUT. */
async function exists(docker: Docker, tag: string, timeoutMs: number): Promise<boolean> {
  try {
    await withDeadline('looking up an image', timeoutMs, () => docker.getImage(tag).inspect(), { tag });
    return true;
  } catch (error) {
    if (error instanceof InfraError) throw error;
    return false;
  }
}
