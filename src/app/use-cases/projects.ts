/**
 * Projects: add (refused when no test framework is found, or named and unknown), list, show.
 * Adding the same name and folder again updates its run settings.
 */
import { realpath, stat } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../errors/input-error.js';
import { snapshotProject } from '../../project/project-snapshot.js';
import { latestDependencies, latestImageRewrites } from '../../storage/image-records.js';
import { projectSource, type ProjectSource } from '../../git/project-source.js';
import { redactUrl } from '../../git/project-git-url.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import { selectToolchain } from '../../toolchains/select-toolchain.js';
import type { AppContext } from '../context.js';
import { decodeNameCursor, encodeNameCursor, MAX_LIMIT, pageLimit } from '../paging-cursor.js';
import type { ProjectListView, ProjectView } from '../views/project-view.js';

export const ProjectName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit');

export interface AddProject {
  readonly name: string;
  readonly dir: string;
  readonly framework?: string | null | undefined;
  readonly testCommand?: string | null | undefined;
  readonly build?: boolean | undefined;
  readonly protectTests?: boolean | undefined;
  readonly strict?: boolean | undefined;
  readonly minChangedCoverage?: number | null | undefined;
}

export async function addProject(ctx: AppContext, input: AddProject): Promise<ProjectView> {
  const name = ProjectName.safeParse(input.name);
  if (!name.success) throw new InputError(`name "${input.name}" ${name.error.issues[0]?.message ?? 'is invalid'}`, {}, { field: 'name' });
  const dir = await realpath(input.dir).catch((cause: unknown) => {
    throw new InputError(`directory ${input.dir} does not exist`, {}, { cause, field: 'dir' });
  });
  if (!(await stat(dir)).isDirectory()) throw new InputError(`${input.dir} is not a directory`, {}, { field: 'dir' });
  const testCommand = input.testCommand?.trim() ?? null;
  if (testCommand === '') throw new InputError('the test command is empty', {}, { field: 'testCommand' });
  // A project whose tests cannot be found is refused now, not at its first proposal.
  const selection = selectToolchain(await snapshotProject(dir), input.framework ?? null);
  const storage = await ctx.storage();
  const row = await storage.projects.add(name.data, dir, {
    framework: input.framework ?? null,
    testCommand,
    build: input.build ?? true,
    protectTests: input.protectTests ?? false,
    strict: input.strict ?? false,
    minChangedCoverage: input.minChangedCoverage ?? null,
  });
  return projectView(row, { framework: selection.toolchain.name, reason: selection.reason });
}

/** One page of projects by name: `limit` (default 50, at most 200), after `cursor` (a page's nextCursor). */
export async function listProjects(ctx: AppContext, query: { limit?: number | undefined; cursor?: string | undefined } = {}): Promise<ProjectListView> {
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? null : decodeNameCursor(query.cursor);
  const storage = await ctx.storage();
  const rows = await storage.projects.page(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { projects: page.map((p) => projectView(p, null)), nextCursor: rows.length > limit && last !== undefined ? encodeNameCursor(last.name) : null };
}

/** Every project, page by page: for a door on this host that shows them all (`projects list`). */
export async function allProjects(ctx: AppContext): Promise<ProjectView[]> {
  const all: ProjectView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProjects(ctx, { limit: MAX_LIMIT, cursor });
    all.push(...page.projects);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** One project by name or id, with what detection finds in its folder now. */
export async function showProject(ctx: AppContext, key: string): Promise<ProjectView> {
  const storage = await ctx.storage();
  const row = await storage.projects.byNameOrId(key);
  let detected: ProjectView['detected'] = null;
  let source: ProjectSource | null = null;
  try {
    // A git project is looked at in its ref's commit now, never in the mirror itself.
    source = await projectSource(row, null);
    const selection = selectToolchain(await snapshotProject(source.dir), row.framework);
    detected = { framework: selection.toolchain.name, reason: selection.reason };
  } catch (error) {
    // A folder gone or without tests is shown as such, not refused: the record is still there.
    if (!(error instanceof InputError)) throw error;
    detected = { framework: 'none', reason: error.message };
  }
  const deps = await latestDependencies(storage.db, row.id);
  const view = projectView(row, detected, source, deps === null ? null : { validationId: deps.validationId, at: new Date(deps.finishedAt).toISOString(), record: deps.record });
  return { ...view, imageRewrites: (await latestImageRewrites(storage.db, row.id)) ?? null };
}

/** `source`: where a git project's ref is now (show, add); null in lists, which read no repository. */
export function projectView(p: ProjectRow, detected: ProjectView['detected'], source: ProjectSource | null = null, dependencies: ProjectView['dependencies'] = null): ProjectView {
  return {
    id: p.id,
    name: p.name,
    root: p.rootPath,
    framework: p.framework,
    detected,
    testCommand: p.testCommand,
    build: p.build,
    protectTests: p.protectTests,
    strict: p.strict,
    minChangedCoverage: p.minChangedCoverage,
    git: p.gitUrl === null ? null : { url: redactUrl(p.gitUrl), ref: p.gitRef ?? 'HEAD', commit: source?.commit ?? null, tree: source?.tree ?? null },
    createdAt: new Date(p.createdAt).toISOString(),
    dependencies,
  };
}
