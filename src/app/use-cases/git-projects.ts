/**
 * Projects from git: added from a URL (a bare mirror kept under PATCHPROOF_GIT_DIR, fetched with
 * the host's git) and fetched again on demand. Adding is all or nothing: the mirror is cloned
 * under a temporary name, its ref resolved and its tree checked for tests, and only then moved
 * into place and recorded; any failure leaves neither a row nor a mirror.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors/input-error.js';
import { snapshotProject } from '../../project/project-snapshot.js';
import { GitFailed } from '../../git/host-git.js';
import { cloneMirror, fetchMirror } from '../../git/mirror.js';
import { parseProjectGitUrl, redactUrl } from '../../git/project-git-url.js';
import { projectSource } from '../../git/project-source.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import { selectToolchain } from '../../toolchains/select-toolchain.js';
import type { AppContext } from '../context.js';
import type { ProjectFetchView } from '../views/project-fetch-view.js';
import type { ProjectView } from '../views/project-view.js';
import { type AddProject, addProject, ProjectName, projectView } from './projects.js';

export interface AddGitProject extends Omit<AddProject, 'dir'> {
  readonly git: string;
  readonly ref?: string | null | undefined;
}

export async function addGitProject(ctx: AppContext, input: AddGitProject): Promise<ProjectView> {
  const name = ProjectName.safeParse(input.name);
  if (!name.success) throw new InputError(`name "${input.name}" ${name.error.issues[0]?.message ?? 'is invalid'}`, {}, { field: 'name' });
  const url = parseProjectGitUrl(input.git, ctx.config.PATCHPROOF_PROJECT_GIT_HOSTS);
  const testCommand = input.testCommand?.trim() ?? null;
  if (testCommand === '') throw new InputError('the test command is empty', {}, { field: 'testCommand' });
  const ref = input.ref ?? null;
  const settings = { framework: input.framework ?? null, testCommand, build: input.build ?? true, protectTests: input.protectTests ?? false, strict: input.strict ?? false, minChangedCoverage: input.minChangedCoverage ?? null };
  const storage = await ctx.storage();
  const existing = await storage.projects.byNameOrId(name.data).catch((error: unknown) => {
    if (error instanceof InputError && error.code === 'not_found') return null;
    throw error;
  });
  if (existing !== null) {
    if (existing.gitUrl !== url.url) throw new InputError(`project "${name.data}" already exists for ${existing.gitUrl === null ? existing.rootPath : redactUrl(existing.gitUrl)}`, { name: name.data }, { code: 'conflict', field: 'name' });
    // The same project again: its ref and run settings change, its mirror stays.
    const source = await projectSource({ ...existing, gitRef: ref }, null);
    const selection = selectToolchain(await snapshotProject(source.dir), settings.framework);
    const row = await storage.projects.addGit(existing.id, name.data, existing.rootPath, { url: url.url, ref }, settings);
    return projectView(row, { framework: selection.toolchain.name, reason: selection.reason }, source);
  }
  const id = randomUUID();
  const mirrors = resolve(ctx.config.PATCHPROOF_GIT_DIR, 'mirrors');
  const final = join(mirrors, `${id}.git`);
  const partial = join(mirrors, `.partial-${id}.git`);
  await mkdir(mirrors, { recursive: true });
  await removeAbandoned(mirrors, ctx.config.PATCHPROOF_GIT_TIMEOUT_S * 1000);
  let placed = false;
  try {
    await cloneMirror(url.url, partial, ctx.config.PATCHPROOF_GIT_TIMEOUT_S * 1000).catch((error: unknown) => {
      if (!(error instanceof GitFailed)) throw error;
      throw new InputError(`could not fetch ${redactUrl(url.url)}: ${error.detail}`, {}, { cause: error, code: 'project_unusable', field: 'git' });
    });
    const draft: ProjectRow = { id, name: name.data, rootPath: partial, ...settings, gitUrl: url.url, gitRef: ref, createdAt: Date.now() };
    const source = await projectSource(draft, null);
    // A repository whose tests cannot be found is refused now, not at its first proposal.
    const selection = selectToolchain(await snapshotProject(source.dir), settings.framework);
    await rename(partial, final);
    placed = true;
    const row = await storage.projects.addGit(id, name.data, final, { url: url.url, ref }, settings);
    placed = false;
    return projectView(row, { framework: selection.toolchain.name, reason: selection.reason }, source);
  } finally {
    await rm(partial, { recursive: true, force: true });
    if (placed) await rm(final, { recursive: true, force: true });
  }
}

/** Fetches a git project's mirror again; says which branches and tags moved and where its ref is now. */
export async function fetchProject(ctx: AppContext, key: string): Promise<ProjectFetchView> {
  const storage = await ctx.storage();
  const project = await storage.projects.byNameOrId(key);
  if (project.gitUrl === null) throw new InputError(`project "${project.name}" is a folder, not a git project: there is nothing to fetch`, { project: project.name }, { field: 'project' });
  const moved = await fetchMirror(project.rootPath, ctx.config.PATCHPROOF_GIT_TIMEOUT_S * 1000).catch((error: unknown) => {
    if (!(error instanceof GitFailed)) throw error;
    throw new InputError(`could not fetch ${redactUrl(project.gitUrl ?? '')}: ${error.detail}`, {}, { cause: error, code: 'project_unusable', field: 'project' });
  });
  const source = await projectSource(project, null);
  return { project: project.name, ref: project.gitRef ?? 'HEAD', commit: source.commit ?? '', tree: source.tree ?? '', moved };
}

/** The doors' one entry: a folder (`dir`) or a repository (`git`, optional `ref`), exactly one. */
export async function registerProject(ctx: AppContext, input: Omit<AddProject, 'dir'> & { readonly dir?: string | undefined; readonly git?: string | undefined; readonly ref?: string | null | undefined }): Promise<ProjectView> {
  if ((input.dir === undefined) === (input.git === undefined)) throw new InputError('give exactly one of a folder (dir) or a repository URL (git)', {}, { field: input.dir === undefined ? 'dir' : 'git' });
  if (input.git !== undefined) return addGitProject(ctx, { ...input, git: input.git });
  if (input.ref !== undefined && input.ref !== null) throw new InputError('ref applies to a git project only (give git with it)', {}, { field: 'ref' });
  return addProject(ctx, { ...input, dir: input.dir ?? '' });
}

/**
 * Clones left by an add that was killed (no finally ran): older than any clone may take, so no
 * add still owns them. They never had a row.
 */
async function removeAbandoned(mirrors: string, timeoutMs: number): Promise<void> {
  for (const name of await readdir(mirrors)) {
    if (!name.startsWith('.partial-')) continue;
    const path = join(mirrors, name);
    const age = Date.now() - (await stat(path).then((s) => s.mtimeMs, () => Date.now()));
    if (age > 2 * timeoutMs) await rm(path, { recursive: true, force: true });
  }
}
