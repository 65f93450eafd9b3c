/**
 * The image a validation runs in: found by its content tag, or built once from the toolchain's
 * template plus the project. Concurrent builds of the same tag in one process share one build.
 */
import { join } from 'node:path';
import type Docker from 'dockerode';
import { withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { TEMPLATES_DIR } from '../package-root.js';
import type { Toolchain } from '../toolchains/toolchain.js';
import { buildContext, readTemplate } from './build-context.js';
import { buildImage } from './build-image.js';
import type { ImagePreparation, ImageRewrite } from './image-preparation.js';
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
  /** What the toolchain rewrote in the image's copy of the project, and why (Maven POMs); empty: nothing. */
  readonly rewrites: readonly ImageRewrite[];
  /** The toolchain's rewrite for files a proposal writes (see ImagePreparation.adaptWrite). */
  readonly adaptWrite?: ImagePreparation['adaptWrite'];
}

const inFlight = new Map<string, Promise<void>>();

export async function ensureImage(docker: Docker, request: ImageRequest): Promise<EnsuredImage> {
  const prepare = request.toolchain.prepareImage?.bind(request.toolchain);
  if (prepare !== undefined) await requireBaseImage(docker, request);
  const prepared = prepare === undefined ? null : await prepare({ docker, snapshot: request.snapshot, baseImage: request.baseImage, aptMirror: request.aptMirror, timeoutMs: request.timeoutMs, engineTimeoutMs: request.engineTimeoutMs, onProgress: request.onProgress });
  const template = [...(await readTemplate(join(TEMPLATES_DIR, request.toolchain.template))), ...((await request.toolchain.extraContext?.()) ?? []), ...(prepared?.files ?? [])];
  const buildArgs = { BASE_IMAGE: request.baseImage, APT_MIRROR: request.aptMirror, ...prepared?.buildArgs };
  const rewrites = prepared?.rewrites ?? [];
  const adapt = prepared?.adaptWrite === undefined ? {} : { adaptWrite: prepared.adaptWrite };
  const tag = imageTag(request.toolchain.template, template, request.snapshot, buildArgs);
  if (await exists(docker, tag, request.engineTimeoutMs)) return { tag, built: false, rewrites, ...adapt };
  await requireBaseImage(docker, request);

  let build = inFlight.get(tag);
  if (build === undefined) {
    build = buildImage(docker, {
      tag,
      context: buildContext(template, request.snapshot),
      buildArgs,
      labels: { 'patchproof.toolchain': request.toolchain.name },
      timeoutMs: request.timeoutMs,
      engineTimeoutMs: request.engineTimeoutMs,
      onProgress: request.onProgress,
    }).finally(() => inFlight.delete(tag));
    inFlight.set(tag, build);
  }
  await build;
  return { tag, built: true, rewrites, ...adapt };
}

async function requireBaseImage(docker: Docker, request: ImageRequest): Promise<void> {
  if (!(await exists(docker, request.baseImage, request.engineTimeoutMs))) {
    // Without it the engine would try a registry and fail with a confusing network error.
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `base image ${request.baseImage} is missing; run \`npx patchproof setup\` to make it`, { baseImage: request.baseImage });
  }
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
