/**
 * Where a project's files are read from for one proposal: a folder project's folder, or, for a
 * git project, the exported tree of one commit of its mirror (the proposal's base, else the
 * project's ref now). The commit is returned as a full id, to be stored with the proposal.
 */
import { InputError } from '../errors/input-error.js';
import type { ProjectRow } from '../storage/entities/project-entity.js';
import { branchNames, resolveCommit } from './mirror.js';
import { redactUrl } from './project-git-url.js';
import { exportTree } from './tree-export.js';

/** Local git work (resolving, exporting a tree) on the mirror: no network, but a big tree takes time. */
const LOCAL_GIT_TIMEOUT_MS = 10 * 60_000;

/** A branch, tag or commit as a user names it: no options, no revision syntax beyond a name. */
const REV = /^(?!-)(?!.*\.\.)(?!.*@\{)[A-Za-z0-9._\/-]{1,200}$/;

export interface ProjectSource {
  readonly dir: string;
  /** The full commit id (git projects); null for a folder project. */
  readonly commit: string | null;
  readonly tree: string | null;
}

/** `stored`: base is a proposal's recorded commit (a worker's run), so its absence is the project's state, not bad input. */
export async function projectSource(project: ProjectRow, base: string | null, options: { stored?: boolean } = {}): Promise<ProjectSource> {
  if (project.gitUrl === null) {
    if (base !== null) throw new InputError(`project "${project.name}" is a folder, not a git project: it has no commits to name with base`, { project: project.name }, { field: 'base' });
    return { dir: project.rootPath, commit: null, tree: null };
  }
  const rev = base ?? project.gitRef ?? 'HEAD';
  const field = base === null ? 'ref' : 'base';
  if (!REV.test(rev)) throw new InputError(`${field} "${rev}" is not a branch, tag or commit id`, {}, { field });
  const resolved = await resolveCommit(project.rootPath, rev, LOCAL_GIT_TIMEOUT_MS);
  if (resolved === null) {
    if (base !== null && options.stored === true) throw new InputError(`its commit ${base} is no longer in the mirror of project "${project.name}" at ${project.rootPath}`, { base }, { code: 'project_unusable', field: 'base' });
    if (base !== null) throw new InputError(`commit "${base}" is not in the mirror of project "${project.name}" (${redactUrl(project.gitUrl)}); if it is new, fetch it first: patchproof projects fetch ${project.name}`, { base }, { code: 'not_found', field: 'base' });
    const branches = await branchNames(project.rootPath, LOCAL_GIT_TIMEOUT_MS).catch(() => []);
    throw new InputError(`ref "${rev}" is not a branch, tag or commit of ${redactUrl(project.gitUrl)} (branches: ${branches.length === 0 ? 'none' : branches.join(', ')})`, { ref: rev }, { code: 'project_unusable', field: 'ref' });
  }
  return { dir: await exportTree(project.rootPath, resolved.tree, LOCAL_GIT_TIMEOUT_MS), commit: resolved.commit, tree: resolved.tree };
}
