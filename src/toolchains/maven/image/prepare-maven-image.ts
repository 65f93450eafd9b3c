/**
 * Before a Maven project's image is built: the shared toolchain image (templates/maven-toolchain),
 * what its Maven repository holds, the project's POMs rewritten to that (pom-rewrite/), and when
 * they declare artifacts the repository lacks but a Debian package holds, an image with those
 * packages (templates/maven-deps, keyed by the package list) and the rewrite again against it.
 * With a remote repository configured, what is still missing (and plugins not held) is resolved
 * from it in one more image (remote-repository.ts). A dependency that is nowhere is the project's
 * build failing, named: `build_failed`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProposalFault } from '../../../errors/proposal-fault.js';
import type { TemplateFile } from '../../../images/build-context.js';
import type { ImagePrepInput, ImagePreparation, ImageRewrite } from '../../../images/image-preparation.js';
import type { ProjectSnapshot } from '../../../project/project-snapshot.js';
import { ensureTemplateImage } from '../../../images/template-image.js';
import { packageFor } from '../pom-rewrite/package-map.js';
import { projectPoms } from '../pom-rewrite/project-poms.js';
import { PomSyntaxError } from '../pom-rewrite/pom-xml.js';
import type { RepoIndex } from '../pom-rewrite/repo-index.js';
import { type MissingArtifact, type PomRewriteResult, rewritePoms, type RewriteOptions } from '../pom-rewrite/rewrite-poms.js';
import { imageRepoIndex } from './image-repo-index.js';
import { holds, resolveFromRemote } from './remote-repository.js';

export const REWRITE_DIR = 'maven-rewrite';

export async function prepareMavenImage(input: ImagePrepInput): Promise<ImagePreparation> {
  const { docker } = input;
  const common = { timeoutMs: input.timeoutMs, engineTimeoutMs: input.engineTimeoutMs, onProgress: input.onProgress };
  const toolchain = await ensureTemplateImage(docker, { template: 'maven-toolchain', buildArgs: { BASE_IMAGE: input.baseImage, APT_MIRROR: input.aptMirror }, ...common });
  const sources = readPoms(input.snapshot);
  let image = toolchain;
  let finalIndex = await imageRepoIndex(docker, image, input.engineTimeoutMs);
  let result = tryRewrite(sources, finalIndex);
  const wanted = result?.missing ?? [];
  const packages = [...new Set(wanted.map((m) => packageFor(m.groupId, m.artifactId)).filter((p): p is string => p !== null))].sort();
  if (packages.length > 0) {
    input.onProgress(`patchproof: installing Debian packages for declared Maven dependencies: ${packages.join(' ')}`);
    image = await ensureTemplateImage(docker, { template: 'maven-deps', buildArgs: { TOOLCHAIN_IMAGE: toolchain, APT_MIRROR: input.aptMirror, PACKAGES: packages.join(' ') }, ...common });
    finalIndex = await imageRepoIndex(docker, image, input.engineTimeoutMs);
    result = tryRewrite(sources, finalIndex);
  }
  const url = input.mavenRepositoryUrl ?? null;
  const options: RewriteOptions = { remote: url !== null };
  let fetched: ImageRewrite[] = [];
  if (url !== null && result !== null) {
    result = tryRewrite(sources, finalIndex, options);
    if (result !== null && result.missing.length + result.unheld.length > 0) {
      const { missing: required, unheld: optional } = result;
      const poms = new Map([...sources].map(([path, text]) => [path, result?.poms.get(path) ?? text]));
      const remote = await resolveFromRemote({ docker, baseImage: image, url, poms, required, optional, ...common });
      image = remote.image;
      finalIndex = remote.index;
      result = tryRewrite(sources, finalIndex, options);
      fetched = fromRemote([...required, ...optional].filter((m) => holds(remote.index, m)), url);
    }
  }
  if (result === null) return { files: [{ path: `${REWRITE_DIR}/rewrites.json`, content: Buffer.from('[]\n') }], buildArgs: { TOOLCHAIN_IMAGE: image }, rewrites: [], adaptWrite: adaptPom(sources, finalIndex) };
  if (result.missing.length > 0) throw unavailable(result.missing, packages);
  const rewrites: ImageRewrite[] = [...installed(wanted, packages), ...fetched, ...result.changes];
  const files: TemplateFile[] = [...result.poms].map(([path, text]) => ({ path: `${REWRITE_DIR}/poms/${path}`, content: Buffer.from(text) }));
  files.push({ path: `${REWRITE_DIR}/rewrites.json`, content: Buffer.from(`${JSON.stringify(rewrites, null, 1)}\n`) });
  return { files, buildArgs: { TOOLCHAIN_IMAGE: image }, rewrites, adaptWrite: adaptPom(sources, finalIndex) };
}

/**
 * A POM the proposal writes, rewritten against the same repository with the project's other POMs
 * around it; what it needs that the image lacks cannot be installed now (the sandbox has no
 * network, so no remote repository either): the build fails, naming it.
 */
function adaptPom(sources: ReadonlyMap<string, string>, index: RepoIndex): NonNullable<ImagePreparation['adaptWrite']> {
  return (path, content) => {
    if (!(sources.has(path) || path === 'pom.xml' || path.endsWith('/pom.xml'))) return null;
    const all = new Map(sources);
    all.set(path, content.toString('utf8'));
    const result = tryRewrite(all, index);
    if (result === null) return null;
    const missing = result.missing.filter((m) => m.file === path);
    if (missing.length > 0) throw unavailable(missing, [], true);
    const changes = result.changes.filter((c) => c.file === path);
    const text = result.poms.get(path);
    return { content: text === undefined ? content : Buffer.from(text), rewrites: changes };
  };
}

function readPoms(snapshot: ProjectSnapshot): Map<string, string> {
  return projectPoms((path) => (snapshot.entries.get(path)?.type === 'file' ? readFileSync(join(snapshot.root, path), 'utf8') : null));
}

/** A POM that is not XML is left as it is: Maven's own error then fails the build, saying where. */
function tryRewrite(sources: ReadonlyMap<string, string>, index: RepoIndex, options: RewriteOptions = {}): PomRewriteResult | null {
  try {
    return rewritePoms(sources, index, options);
  } catch (error) {
    if (error instanceof PomSyntaxError) return null;
    throw error;
  }
}

function installed(wanted: readonly MissingArtifact[], packages: readonly string[]): ImageRewrite[] {
  return packages.map((name) => {
    const artifacts = wanted.filter((m) => packageFor(m.groupId, m.artifactId) === name);
    const names = [...new Set(artifacts.map((m) => `${m.groupId}:${m.artifactId}`))];
    return { file: artifacts[0]?.file ?? 'pom.xml', kind: 'package_installed', subject: name, from: null, to: null, reason: `Debian package holding ${names.join(', ')}, declared by the POMs and missing from the toolchain image` };
  });
}

function fromRemote(fetched: readonly MissingArtifact[], url: string): ImageRewrite[] {
  const seen = new Set<string>();
  return fetched.flatMap((m) => {
    const key = `${m.groupId}:${m.artifactId}:${m.version ?? ''}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ file: m.file, kind: 'remote_resolved', subject: `${m.groupId}:${m.artifactId}`, from: m.version, to: m.version, reason: `not in Debian's Maven repository or a Debian package patchproof knows; resolved with its own dependencies from ${url} at image build` }];
  });
}

function unavailable(missing: readonly MissingArtifact[], tried: readonly string[], byChange = false): ProposalFault {
  const names = [...new Set(missing.map((m) => `${m.groupId}:${m.artifactId}:${m.version ?? '(no version)'}`))];
  const where = tried.length > 0 ? ` (after installing ${tried.join(', ')})` : '';
  const what = `${names.length === 1 ? 'dependency' : 'dependencies'} ${names.join(', ')} declared in ${[...new Set(missing.map((m) => m.file))].join(', ')} ${names.length === 1 ? 'is' : 'are'}`;
  const message = byChange
    ? `build failed: ${what} not in the image's Maven repository, and the sandbox installs nothing (no network); declare it in the project itself first`
    : `build failed: ${what} in no Maven repository the image can use: not in Debian's /usr/share/maven-repo${where} and in no Debian package patchproof knows`;
  return new ProposalFault('DEPENDENCY_UNAVAILABLE', message, { missing: names });
}
