/**
 * An image built from a template alone (no project), named by its content: template files and
 * build arguments. For the images a toolchain's project images stand on (templates/maven-toolchain).
 * Found when it exists, built once otherwise; concurrent requests in one process share the build.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { TEMPLATES_DIR } from '../package-root.js';
import { readTemplate, type TemplateFile } from './build-context.js';
import { buildImage } from './build-image.js';
import { IMAGE_REPOSITORY } from './image-tag.js';

export interface TemplateImageRequest {
  readonly template: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Files added to the template's (and so to its content tag). */
  readonly files?: readonly TemplateFile[];
  readonly timeoutMs: number;
  readonly engineTimeoutMs: number;
  readonly onProgress: (line: string) => void;
}

const inFlight = new Map<string, Promise<void>>();

export async function ensureTemplateImage(docker: Docker, request: TemplateImageRequest): Promise<string> {
  const files = [...(await readTemplate(join(TEMPLATES_DIR, request.template))), ...(request.files ?? [])];
  const tag = templateImageTag(request.template, files, request.buildArgs);
  try {
    await withDeadline('looking up an image', request.engineTimeoutMs, () => docker.getImage(tag).inspect(), { tag });
    return tag;
  } catch (error) {
    if (error instanceof InfraError) throw error;
  }
  let build = inFlight.get(tag);
  if (build === undefined) {
    build = buildImage(docker, {
      tag,
      context: templateContext(files),
      buildArgs: request.buildArgs,
      labels: { 'patchproof.template': request.template },
      timeoutMs: request.timeoutMs,
      engineTimeoutMs: request.engineTimeoutMs,
      onProgress: request.onProgress,
    }).finally(() => inFlight.delete(tag));
    inFlight.set(tag, build);
  }
  await build;
  return tag;
}

export function templateImageTag(template: string, files: readonly TemplateFile[], buildArgs: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`template\0${file.path}\0`).update(file.content).update('\n');
  for (const key of Object.keys(buildArgs).sort()) hash.update(`arg\0${key}=${buildArgs[key] ?? ''}\n`);
  return `${IMAGE_REPOSITORY}/${template}:${hash.digest('hex').slice(0, 24)}`;
}

function templateContext(files: readonly TemplateFile[]): Readable {
  const pack = tar.pack();
  const base = { uid: 0, gid: 0, mtime: new Date('2000-01-01T00:00:00Z'), mode: 0o644 };
  for (const file of files) pack.entry({ ...base, name: file.path }, file.content);
  pack.finalize();
  return Readable.from(pack, { objectMode: false });
}
