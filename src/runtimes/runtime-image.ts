/**
 * A runtime's image: its template alone (no project), named by the same content hash as a
 * toolchain's image (images/image-tag.ts) and built by the same machinery, once per engine.
 * Runtimes sharing a template share the image; concurrent requests in one process share a build.
 */
import { join } from 'node:path';
import type Docker from 'dockerode';
import { withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { buildContext, readTemplate, type TemplateFile } from '../images/build-context.js';
import { buildImage } from '../images/build-image.js';
import { imageTag } from '../images/image-tag.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { TEMPLATES_DIR } from '../package-root.js';
import type { Runtime } from './runtime.js';

export interface RuntimeImageRequest {
  readonly baseImage: string;
  readonly aptMirror: string;
  readonly timeoutMs: number;
  readonly engineTimeoutMs: number;
  readonly onProgress?: (line: string) => void;
}

const NO_PROJECT: ProjectSnapshot = { root: '', entries: new Map(), totalBytes: 0 };
const inFlight = new Map<string, Promise<void>>();

export async function runtimeTemplate(runtime: Runtime): Promise<TemplateFile[]> {
  const files = await readTemplate(join(TEMPLATES_DIR, 'runtimes', runtime.template));
  for (const [from, as] of runtime.extraContext ?? []) {
    for (const file of await readTemplate(join(TEMPLATES_DIR, from))) files.push({ path: `${as}/${file.path}`, content: file.content });
  }
  return files;
}

/** The image's tag, built first when the engine does not have it. */
export async function ensureRuntimeImage(docker: Docker, runtime: Runtime, request: RuntimeImageRequest): Promise<{ tag: string; built: boolean }> {
  const template = await runtimeTemplate(runtime);
  const buildArgs = { BASE_IMAGE: request.baseImage, APT_MIRROR: request.aptMirror };
  const tag = imageTag(`runtime-${runtime.template}`, template, NO_PROJECT, buildArgs);
  if (await exists(docker, tag, request.engineTimeoutMs)) return { tag, built: false };
  if (!(await exists(docker, request.baseImage, request.engineTimeoutMs))) {
    throw new InfraError('BASE_IMAGE_UNAVAILABLE', `base image ${request.baseImage} is missing; run \`npx patchproof setup\` to make it`, { baseImage: request.baseImage });
  }
  let build = inFlight.get(tag);
  if (build === undefined) {
    build = buildImage(docker, {
      tag,
      context: buildContext(template, NO_PROJECT),
      buildArgs,
      labels: { 'patchproof.runtime': runtime.template },
      timeoutMs: request.timeoutMs,
      engineTimeoutMs: request.engineTimeoutMs,
      onProgress: request.onProgress ?? (() => undefined),
    }).finally(() => inFlight.delete(tag));
    inFlight.set(tag, build);
  }
  await build;
  return { tag, built: true };
}

async function exists(docker: Docker, tag: string, timeoutMs: number): Promise<boolean> {
  try {
    await withDeadline('looking up an image', timeoutMs, () => docker.getImage(tag).inspect(), { tag });
    return true;
  } catch (error) {
    if (error instanceof InfraError) throw error;
    return false;
  }
}
