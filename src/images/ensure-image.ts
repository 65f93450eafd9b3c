/**
 * The image a validation runs in: found by its content tag, or built once from a template (a
 * toolchain's, though nothing here knows one) plus the project. Concurrent builds of the same tag
 * in one process share one build (only its starter says `built`), and builds of different tags
 * wait for a build slot (build-slots.ts).
 */
import { join } from 'node:path';
import type Docker from 'dockerode';
import { withDeadline } from '../engine/engine-deadline.js';
import { engineFailure, engineInfraError } from '../engine/engine-error.js';
import { InfraError } from '../errors/infra-error.js';
import { TEMPLATES_DIR } from '../package-root.js';
import { buildContext, readTemplate } from './build-context.js';
import type { ImageRecipe } from './image-recipe.js';
import { buildImage } from './build-image.js';
import type { Change } from '../changes/change.js';
import { dependencyManifests } from './dependency-manifests.js';
import { DEBIAN_ONLY, type DependencySources, dependencyBuildArgs } from './dependency-sources.js';
import type { ImagePreparation, ImageRewrite } from './image-preparation.js';
import { withBuildSlot } from './build-slots.js';
import { imageTag } from './image-tag.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';


export interface ImageRequest {
  readonly recipe: ImageRecipe;
  readonly snapshot: ProjectSnapshot;
  readonly baseImage: string;
  readonly aptMirror: string;
  /** The proposal's changes: manifests they write are what its dependency layer installs. Absent: none. */
  readonly changes?: readonly Change[];
  /** Absent: Debian's packages only. */
  readonly dependencySources?: DependencySources;
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
  /** The dependency layer was installed from manifests the changes wrote (the image is the proposal's own). */
  readonly manifestsFromChanges: boolean;
}

export type { ImageRecipe } from './image-recipe.js';

const inFlight = new Map<string, Promise<void>>();

export async function ensureImage(docker: Docker, request: ImageRequest): Promise<EnsuredImage> {
  const prepare = request.recipe.prepareImage?.bind(request.recipe);
  if (prepare !== undefined) await requireBaseImage(docker, request);
  const prepared = prepare === undefined ? null : await prepare({ docker, snapshot: request.snapshot, baseImage: request.baseImage, aptMirror: request.aptMirror, mavenRepositoryUrl: request.dependencySources?.mavenRepositoryUrl ?? null, timeoutMs: request.timeoutMs, engineTimeoutMs: request.engineTimeoutMs, onProgress: request.onProgress });
  const template = [...(await readTemplate(join(TEMPLATES_DIR, request.recipe.template))), ...((await request.recipe.extraContext?.()) ?? []), ...(prepared?.files ?? [])];
  const buildArgs = { BASE_IMAGE: request.baseImage, APT_MIRROR: request.aptMirror, ...dependencyBuildArgs(request.recipe.template, request.dependencySources ?? DEBIAN_ONLY), ...prepared?.buildArgs };
  const manifests = await dependencyManifests(request.recipe, request.snapshot, request.changes ?? []);
  // Hashed only when a change touched a manifest: every other proposal keeps the project's image.
  const tagInputs = manifests.changedDigest === null ? buildArgs : { ...buildArgs, 'patchproof.changed-manifests': manifests.changedDigest };
  const rewrites = prepared?.rewrites ?? [];
  const adapt = { manifestsFromChanges: manifests.changedDigest !== null, ...(prepared?.adaptWrite === undefined ? {} : { adaptWrite: prepared.adaptWrite }) };
  const tag = imageTag(request.recipe.template, template, request.snapshot, tagInputs);
  if (await exists(docker, tag, request.engineTimeoutMs)) return { tag, built: false, rewrites, ...adapt };
  await requireBaseImage(docker, request);

  let build = inFlight.get(tag);
  // Whoever starts the build built the image; a validation that joined it found it being built.
  const starter = build === undefined;
  if (build === undefined) {
    build = withBuildSlot(() => buildImage(docker, {
      tag,
      context: buildContext(template, request.snapshot, manifests.files),
      buildArgs,
      labels: { 'patchproof.toolchain': request.recipe.name },
      timeoutMs: request.timeoutMs,
      engineTimeoutMs: request.engineTimeoutMs,
      onProgress: request.onProgress,
    })).finally(() => inFlight.delete(tag));
    inFlight.set(tag, build);
  }
  await build;
  return { tag, built: starter, rewrites, ...adapt };
}

async function requireBaseImage(docker: Docker, request: ImageRequest): Promise<void> {
  if (!(await exists(docker, request.baseImage, request.engineTimeoutMs))) {
    // Without it the engine would try a registry and fail with a confusing network error.
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `base image ${request.baseImage} is missing; run \`npx patchproof setup\` to make it`, { baseImage: request.baseImage });
  }
}

/**
 * Only the engine saying "no such image" means missing: an engine that does not answer ends as
 * ENGINE_TIMEOUT, one that cannot be reached as ENGINE_UNREACHABLE (not "base image missing").
 */
async function exists(docker: Docker, tag: string, timeoutMs: number): Promise<boolean> {
  try {
    await withDeadline('looking up an image', timeoutMs, () => docker.getImage(tag).inspect(), { tag });
    return true;
  } catch (error) {
    if (engineFailure(error) === 'missing') return false;
    throw engineInfraError(error, 'IMAGE_BUILD_FAILED', `could not look up image ${tag}`, { tag });
  }
}
