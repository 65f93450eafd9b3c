/**
 * The baseline of a project's current state (its unchanged run, which changes are compared
 * with): shown, made when missing, made again with `refresh`. A red baseline is a record, not a
 * verdict; `usable` says whether changes can be compared with it.
 */
import { realpath, stat } from 'node:fs/promises';
import { baselineNow } from '../../baseline/make-baseline.js';
import { baselineStateKey } from '../../baseline/state-key.js';
import { unchanged } from '../../baseline/unchanged.js';
import { InputError } from '../../errors/input-error.js';
import { projectSource } from '../../git/project-source.js';
import { prepareProposal } from '../../pipeline/prepare.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import { TestCaseEntity } from '../../storage/entities/test-case-entity.js';
import type { Storage } from '../../storage/storage.js';
import type { AppContext } from '../context.js';
import type { BaselineView } from '../views/baseline-view.js';

export interface BaselineRequest {
  /** A registered project's name or id, or a folder (registered now when it is not). */
  readonly project: string;
  readonly refresh?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((line: string) => void) | undefined;
}

export async function baseline(ctx: AppContext, request: BaselineRequest): Promise<BaselineView> {
  const storage = await ctx.storage();
  const project = await projectOf(storage, request.project);
  const source = await projectSource(project, null);
  const prepared = unchanged(await prepareProposal(source.dir, [], project.framework, undefined, project));
  const stateKey = baselineStateKey(prepared.snapshot, project);
  const made = await baselineNow(await ctx.engine(), storage, {
    project,
    prepared,
    stateKey,
    settings: await ctx.settings(),
    leaseMs: ctx.config.PATCHPROOF_LEASE_S * 1000,
    store: ctx.store,
    refresh: request.refresh ?? false,
    signal: request.signal ?? new AbortController().signal,
    onProgress: request.onProgress ?? (() => undefined),
  });
  const row = made.lookup.baseline;
  const runs = await storage.baselines.runs(row.id);
  const latest = runs[0] ?? null;
  const failing = latest === null ? [] : await storage.db.getRepository(TestCaseEntity).find({ where: [{ validationId: latest.id, status: 'failed' }, { validationId: latest.id, status: 'error' }], order: { id: 'ASC' }, take: 100 });
  return {
    project: project.name,
    stateKey,
    baselineId: row.id,
    status: row.status,
    made: made.made,
    usable: made.lookup.kind === 'ready' && made.lookup.use.kind === 'compare',
    reason: made.lookup.kind === 'failed' ? made.lookup.reason : (latest?.reason ?? null),
    validationId: latest?.id ?? null,
    outcome: latest?.outcome ?? null,
    reasonCode: latest?.reasonCode ?? null,
    tests: latest === null ? null : { total: latest.testsTotal, passed: latest.testsPassed, failed: latest.testsFailed, errors: latest.testsErrors, skipped: latest.testsSkipped },
    failing: failing.map((t) => t.identity ?? (t.suite === '' ? t.name : `${t.suite}::${t.name}`)),
    truncated: latest?.truncated ?? null,
    runs: runs.length,
    finishedAt: latest === null ? null : new Date(latest.finishedAt).toISOString(),
  };
}

/** A registered name first; else a folder (registered for it, or registered now, as validate does). */
async function projectOf(storage: Storage, key: string): Promise<ProjectRow> {
  try {
    return await storage.projects.byNameOrId(key);
  } catch (error) {
    if (!(error instanceof InputError && error.code === 'not_found')) throw error;
    const dir = await realpath(key).catch(() => null);
    if (dir === null || !(await stat(dir)).isDirectory()) throw new InputError(`"${key}" is neither a registered project nor a directory`, { key }, { code: 'not_found', field: 'project' });
    return storage.projects.forDirectory(dir);
  }
}
