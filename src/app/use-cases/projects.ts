/**
 * Projects: add (refused when no test framework is found, or named and unknown), list, show.
 * Adding the same name and folder again updates its run settings.
 */
import { realpath, stat } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../../errors/usage-error.js';
import { snapshotProject } from '../../images/project-snapshot.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import { selectToolchain } from '../../toolchains/select-toolchain.js';
import { latestDependencies } from '../../storage/project-dependencies.js';
import type { AppContext } from '../context.js';
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
  if (!name.success) throw new UsageError(`name "${input.name}" ${name.error.issues[0]?.message ?? 'is invalid'}`, {}, { field: 'name' });
  const dir = await realpath(input.dir).catch((cause: unknown) => {
    throw new UsageError(`directory ${input.dir} does not exist`, {}, { cause, field: 'dir' });
  });
  if (!(await stat(dir)).isDirectory()) throw new UsageError(`${input.dir} is not a directory`, {}, { field: 'dir' });
  const testCommand = input.testCommand?.trim() ?? null;
  if (testCommand === '') throw new UsageError('the test command is empty', {}, { field: 'testCommand' });
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

export async function listProjects(ctx: AppContext): Promise<ProjectListView> {
  const storage = await ctx.storage();
  return (await storage.projects.list()).map((p) => projectView(p, null));
}

/** One project by name or id, with what detection finds in its folder now. */
export async function showProject(ctx: AppContext, key: string): Promise<ProjectView> {
  const storage = await ctx.storage();
  const row = await storage.projects.byNameOrId(key);
  let detected: ProjectView['detected'] = null;
  try {
    const selection = selectToolchain(await snapshotProject(row.rootPath), row.framework);
    detected = { framework: selection.toolchain.name, reason: selection.reason };
  } catch (error) {
    // A folder gone or without tests is shown as such, not refused: the record is still there.
    if (!(error instanceof UsageError)) throw error;
    detected = { framework: 'none', reason: error.message };
  }
  return { ...projectView(row, detected), dependencies: await latestDependencies(storage.db, row.id) };
}

export function projectView(p: ProjectRow, detected: ProjectView['detected']): ProjectView {
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
    createdAt: new Date(p.createdAt).toISOString(),
    dependencies: null,
  };
}
