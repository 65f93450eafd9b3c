/**
 * What Debian's repository and packages lack, resolved from a remote Maven repository
 * (PATCHPROOF_MAVEN_REPOSITORY_URL) at image build: an image on the toolchain image holding the
 * project's POMs and settings that mirror every repository to the remote one
 * (templates/maven-remote), where Maven downloads the missing artifacts with their own
 * dependencies into the offline repository. The URL is written into the image: it carries no
 * credentials (the configuration refuses them). An artifact the remote does not have is the
 * project's `build_failed`, naming it; a remote that does not answer is ours (InfraError, retried).
 * Either way the image is removed, so the next attempt asks the remote again.
 */
import type Docker from 'dockerode';
import { withDeadline } from '../../../engine/engine-deadline.js';
import { engineFailure } from '../../../engine/engine-error.js';
import { InfraError } from '../../../errors/infra-error.js';
import { ProposalFault } from '../../../errors/proposal-fault.js';
import type { TemplateFile } from '../../../images/build-context.js';
import { readImageFile } from '../../../images/read-image-file.js';
import { ensureTemplateImage } from '../../../images/template-image.js';
import { encode } from '../pom-rewrite/pom-xml.js';
import type { RepoIndex } from '../pom-rewrite/repo-index.js';
import type { MissingArtifact } from '../pom-rewrite/rewrite-poms.js';
import { forgetImageRepoIndex, imageRepoIndex } from './image-repo-index.js';
import { readResolutionLog } from './resolution-log.js';

export interface RemoteRequest {
  readonly docker: Docker;
  /** The image it stands on: the toolchain image, or the one with Debian packages added. */
  readonly baseImage: string;
  readonly url: string;
  /** Every project POM as the offline rewrite left it, by path. */
  readonly poms: ReadonlyMap<string, string>;
  /** Dependencies the rewrite found missing: each must be in the repository afterwards. */
  readonly required: readonly MissingArtifact[];
  /**
   * Plugins, plugin dependencies, extensions and BOMs not held: fetched when the build up to the
   * tests uses them (a plugin bound to a later phase is never resolved, and not needed).
   */
  readonly optional: readonly MissingArtifact[];
  readonly timeoutMs: number;
  readonly engineTimeoutMs: number;
  readonly onProgress: (line: string) => void;
}

export interface RemoteResolution {
  readonly image: string;
  readonly index: RepoIndex;
}

const RESULT_FOLDER = '/opt/patchproof/maven-remote-result';

/** settings.xml for the image build: Debian's repository as the local one, every repository mirrored to the remote. */
export function remoteSettings(url: string): string {
  return [
    '<settings>',
    '  <localRepository>/usr/share/maven-repo</localRepository>',
    '  <mirrors>',
    `    <mirror><id>patchproof-remote</id><mirrorOf>*</mirrorOf><url>${encode(url)}</url></mirror>`,
    '  </mirrors>',
    '</settings>',
    '',
  ].join('\n');
}

export async function resolveFromRemote(request: RemoteRequest): Promise<RemoteResolution> {
  const { docker, engineTimeoutMs } = request;
  const files: TemplateFile[] = [{ path: 'maven-remote/settings.xml', content: Buffer.from(remoteSettings(request.url)) }];
  for (const [path, text] of request.poms) files.push({ path: `maven-remote/poms/${path}`, content: Buffer.from(text) });
  const names = [...new Set([...request.required, ...request.optional].map(coordinates))];
  request.onProgress(`patchproof: resolving from ${request.url}: ${names.join(' ')}`);
  const image = await ensureTemplateImage(docker, { template: 'maven-remote', buildArgs: { TOOLCHAIN_IMAGE: request.baseImage }, files, timeoutMs: request.timeoutMs, engineTimeoutMs, onProgress: request.onProgress });
  const result = (await readImageFile(docker, image, RESULT_FOLDER, 'result.txt', engineTimeoutMs)).toString('utf8');
  const exitCode = Number(/^exit (\d+)/.exec(result)?.[1] ?? 'NaN');
  const log = readResolutionLog(result);
  const index = await imageRepoIndex(docker, image, engineTimeoutMs);
  const absent = request.required.filter((m) => !holds(index, m)).map(coordinates);
  if (log.unreachable.length > 0) {
    await discard(docker, image, engineTimeoutMs);
    throw new InfraError('IMAGE_BUILD_FAILED', `the Maven repository ${request.url} did not answer for ${log.unreachable.join(', ')}`, { repository: request.url, unreachable: log.unreachable, exitCode });
  }
  const notFound = [...new Set([...log.notFound, ...absent])];
  if (notFound.length > 0) {
    await discard(docker, image, engineTimeoutMs);
    const files = [...new Set(request.required.filter((m) => absent.includes(coordinates(m))).map((m) => m.file))];
    const declared = files.length > 0 ? ` (declared in ${files.join(', ')})` : '';
    throw new ProposalFault('DEPENDENCY_UNAVAILABLE', `build failed: ${notFound.length === 1 ? 'dependency' : 'dependencies'} ${notFound.join(', ')}${declared} in no Maven repository the image can use: not in Debian's /usr/share/maven-repo or a Debian package patchproof knows, and not found in ${request.url}`, { missing: notFound, repository: request.url });
  }
  // Failed for another reason (a POM Maven refuses): the sandbox's build fails with Maven's own words.
  if (exitCode !== 0) request.onProgress(`patchproof: resolving from ${request.url} failed: ${log.firstError ?? `exit ${exitCode}`}`);
  return { image, index };
}

function coordinates(m: MissingArtifact): string {
  return `${m.groupId}:${m.artifactId}:${m.version ?? '(no version)'}`;
}

export function holds(index: RepoIndex, m: MissingArtifact): boolean {
  const held = index.versions(m.groupId, m.artifactId);
  return m.version === null || m.version.includes('${') ? held.length > 0 : held.includes(m.version);
}

async function discard(docker: Docker, image: string, engineTimeoutMs: number): Promise<void> {
  forgetImageRepoIndex(image);
  try {
    await withDeadline('removing an image', engineTimeoutMs, () => docker.getImage(image).remove(), { image });
  } catch (error) {
    if (engineFailure(error) !== 'missing' && engineFailure(error) !== 'conflict') throw error;
  }
}
