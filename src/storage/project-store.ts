/** Named projects: registered once (`projects add`), then proposals name them. */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { MoreThan, type DataSource } from 'typeorm';
import { InputError } from '../errors/input-error.js';
import { ProjectEntity, type ProjectRow } from './entities/project-entity.js';
import type { WriteQueue } from './write-queue.js';

export type ProjectRunSettings = Pick<ProjectRow, 'framework' | 'testCommand' | 'build' | 'protectTests' | 'minChangedCoverage'> & { readonly strict?: boolean };
export const DEFAULT_RUN_SETTINGS: ProjectRunSettings = { framework: null, testCommand: null, build: true, protectTests: false, strict: false, minChangedCoverage: null };

export class ProjectStore {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  /** Registers a project; adding the same name and folder again updates its run settings. */
  async add(name: string, rootPath: string, settings: ProjectRunSettings = DEFAULT_RUN_SETTINGS): Promise<ProjectRow> {
    const existing = await this.db.getRepository(ProjectEntity).findOne({ where: { name } });
    if (existing !== null && existing.rootPath !== rootPath) throw new InputError(`project "${name}" already exists for ${existing.gitUrl ?? existing.rootPath}`, { name }, { code: 'conflict', field: 'name' });
    return this.writes.transaction(async (em) => {
      const full = { ...settings, strict: settings.strict ?? false };
      if (existing !== null) {
        await em.update(ProjectEntity, { id: existing.id }, full);
        return { ...existing, ...full };
      }
      const row: ProjectRow = { id: randomUUID(), name, rootPath, ...full, gitUrl: null, gitRef: null, createdAt: Date.now() };
      await em.insert(ProjectEntity, row);
      return row;
    });
  }

  /** For `validate <dir>`: the project registered for this directory, else one named after it. */
  async forDirectory(rootPath: string): Promise<ProjectRow> {
    const found = await this.db.getRepository(ProjectEntity).findOne({ where: { rootPath }, order: { createdAt: 'ASC' } });
    if (found !== null) return found;
    const base = basename(rootPath);
    const taken = await this.db.getRepository(ProjectEntity).findOne({ where: { name: base } });
    return this.add(taken === null ? base : `${base}-${randomUUID().slice(0, 8)}`, rootPath);
  }

  /**
   * Registers a git project whose mirror is already in place at `rootPath`, under the id the
   * mirror was named for; the same name and URL again updates its ref and run settings.
   */
  async addGit(id: string, name: string, rootPath: string, git: { readonly url: string; readonly ref: string | null }, settings: ProjectRunSettings): Promise<ProjectRow> {
    return this.writes.transaction(async (em) => {
      const existing = await em.findOne(ProjectEntity, { where: { name } });
      const full = { ...settings, strict: settings.strict ?? false, gitRef: git.ref };
      if (existing !== null) {
        if (existing.gitUrl !== git.url) throw new InputError(`project "${name}" already exists for ${existing.gitUrl ?? existing.rootPath}`, { name }, { code: 'conflict', field: 'name' });
        await em.update(ProjectEntity, { id: existing.id }, full);
        return { ...existing, ...full };
      }
      const row: ProjectRow = { id, name, rootPath, ...full, gitUrl: git.url, createdAt: Date.now() };
      await em.insert(ProjectEntity, row);
      return row;
    });
  }

  async byNameOrId(key: string): Promise<ProjectRow> {
    const repo = this.db.getRepository(ProjectEntity);
    const found = (await repo.findOne({ where: { name: key } })) ?? (await repo.findOne({ where: { id: key } }));
    if (found === null) throw new InputError(`no project named "${key}" (add it with: patchproof projects add <name> <dir>)`, { key }, { code: 'not_found', field: 'project' });
    return found;
  }

  list(): Promise<ProjectRow[]> {
    return this.db.getRepository(ProjectEntity).find({ order: { name: 'ASC' } });
  }

  /** Up to `take` projects by name, those after `after` (a name) when given. */
  page(after: string | null, take: number): Promise<ProjectRow[]> {
    return this.db.getRepository(ProjectEntity).find({ where: after === null ? {} : { name: MoreThan(after) }, order: { name: 'ASC' }, take });
  }
}
