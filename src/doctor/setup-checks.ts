/**
 * Is the engine usable for validations: it answers, the base image every toolchain image is built
 * on is there, and each toolchain either has an image already or can have one built (its template
 * is present and so is the base image). Nothing is built or pulled here: toolchain images are per
 * project, made by the first validation that needs one.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { InfraError } from '../errors/infra-error.js';
import { engineFailure } from '../engine/engine-error.js';
import { IMAGE_REPOSITORY } from '../images/image-tag.js';
import { TEMPLATES_DIR } from '../package-root.js';
import type { Toolchain } from '../toolchains/toolchain.js';
import { type Check, check } from './check.js';

/** The engine's own description of itself; an engine that cannot say is unreachable. */
export async function engineCheck(docker: Docker): Promise<Check> {
  let version: Docker.DockerVersion;
  try {
    version = await docker.version();
  } catch (cause) {
    throw new InfraError('ENGINE_UNREACHABLE', 'the Docker engine does not say which version it is', {}, { cause });
  }
  const runc = version.Components?.find((c) => c.Name === 'runc')?.Version;
  const actual = [`Docker ${version.Version}`, `API ${version.ApiVersion}`, `${version.Os}/${version.Arch}`, ...(runc === undefined ? [] : [`runc ${runc}`])].join(', ');
  return check('engine.version', true, 'an engine that answers', actual);
}

export async function baseImageCheck(docker: Docker, image: string): Promise<Check> {
  const found = await inspectImage(docker, image);
  const expected = `${image} present`;
  if (found === null) return check('image.base', false, expected, `missing: run \`npx patchproof setup\` to make it`);
  return check('image.base', true, expected, `${found.Id.slice(0, 19)}, created ${found.Created.slice(0, 10)}`);
}

/** One check per template (rspec and minitest share the ruby one). */
export async function toolchainImageChecks(docker: Docker, toolchains: readonly Toolchain[], baseImagePresent: boolean): Promise<Check[]> {
  const byTemplate = new Map<string, string[]>();
  for (const t of toolchains) byTemplate.set(t.template, [...(byTemplate.get(t.template) ?? []), t.name]);
  const checks: Check[] = [];
  for (const [template, names] of byTemplate) {
    const repository = `${IMAGE_REPOSITORY}/${template}`;
    const images = await listImages(docker, repository);
    const templatePresent = await access(join(TEMPLATES_DIR, template, 'Dockerfile')).then(
      () => true,
      () => false,
    );
    const name = `image.toolchain.${template}`;
    const expected = `built, or buildable (templates/${template} + base image)`;
    const who = `${names.join(', ')}: `;
    if (images.length > 0) {
      const newest = images.reduce((a, b) => (b.Created > a.Created ? b : a));
      const tag = newest.RepoTags?.find((t) => t.startsWith(`${repository}:`)) ?? newest.Id.slice(0, 19);
      checks.push(check(name, true, expected, `${who}${images.length} built, newest ${tag}`));
    } else if (!templatePresent) {
      checks.push(check(name, false, expected, `${who}none built, and templates/${template}/Dockerfile is missing`));
    } else {
      checks.push(check(name, baseImagePresent, expected, `${who}none built yet; ${baseImagePresent ? 'the first validation builds one' : 'the base image is missing'}`));
    }
  }
  return checks;
}

async function inspectImage(docker: Docker, image: string): Promise<Docker.ImageInspectInfo | null> {
  try {
    return await docker.getImage(image).inspect();
  } catch (error) {
    if (engineFailure(error) === 'missing') return null;
    throw new InfraError('ENGINE_UNREACHABLE', `could not inspect image ${image}`, { image }, { cause: error });
  }
}

async function listImages(docker: Docker, repository: string): Promise<Docker.ImageInfo[]> {
  try {
    return await docker.listImages({ filters: { reference: [repository] } });
  } catch (cause) {
    throw new InfraError('ENGINE_UNREACHABLE', `could not list the images of ${repository}`, { repository }, { cause });
  }
}
