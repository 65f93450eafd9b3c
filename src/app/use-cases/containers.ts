/**
 * The containers patchproof has on the engine for this database (`patchproof.store`), each with
 * its owner's kind. Only a run's container can be stopped here: a validation's ends with its
 * validation (or its lease, through the janitor), a warm pool's with its pool.
 */
import type Docker from 'dockerode';
import { InputError } from '../../errors/input-error.js';
import { LABEL_CREATED, LABEL_OWNER, LABEL_OWNER_ID, LABEL_OWNER_KIND, LABEL_PROPOSAL, LABEL_STORE, LABEL_VALIDATION, isOwnerKind } from '../../sandbox/labels.js';
import { engineFailure } from '../../engine/engine-error.js';
import type { AppContext } from '../context.js';
import { pageLimit } from '../paging-cursor.js';
import { markStopped } from '../run-registry.js';
import type { ContainerListView, ContainerView, StoppedContainerView } from '../views/run-view.js';

/** At most `limit` (default 50, at most 200), newest first. */
export async function listContainers(ctx: AppContext, limit?: number): Promise<ContainerListView> {
  const shown = pageLimit(limit);
  const docker = await ctx.engine();
  const listed = await docker.listContainers({ all: true, filters: { label: [`${LABEL_OWNER}=true`, `${LABEL_STORE}=${ctx.store}`] } });
  const newest = [...listed].sort((a, b) => b.Created - a.Created);
  return { containers: newest.slice(0, shown).map((c) => containerView(c)), total: listed.length };
}

function containerView(c: Docker.ContainerInfo): ContainerView {
  const label = c.Labels[LABEL_OWNER_KIND];
  const kind = isOwnerKind(label) ? label : 'validation';
  return {
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    kind,
    image: c.Image,
    state: c.State,
    createdAt: c.Labels[LABEL_CREATED] ?? null,
    runId: c.Labels[LABEL_OWNER_ID] ?? c.Labels[LABEL_VALIDATION] ?? null,
    proposalId: c.Labels[LABEL_PROPOSAL] ?? null,
  };
}

/** Kills and removes a run's container and its workspace volume, by id or name. */
export async function stopContainer(ctx: AppContext, key: string): Promise<StoppedContainerView> {
  const docker = await ctx.engine();
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(key).inspect();
  } catch (cause) {
    if (engineFailure(cause) === 'missing') throw new InputError(`no container "${key}" (list_containers gives the ids)`, { key }, { cause, code: 'not_found', field: 'id' });
    throw cause;
  }
  const labels = info.Config.Labels ?? {};
  const name = info.Name.replace(/^\//, '');
  if (labels[LABEL_OWNER] !== 'true' || labels[LABEL_STORE] !== ctx.store) {
    // Not ours (or another database's): said the same way as a missing one, nothing about it shown.
    throw new InputError(`no container "${key}" (list_containers gives the ids)`, { key }, { code: 'not_found', field: 'id' });
  }
  if (labels[LABEL_OWNER_KIND] !== 'run') throw new InputError(`container ${name} belongs to a validation: it is removed when the validation ends`, { key }, { code: 'conflict', field: 'id' });
  markStopped(info.Id);
  const removed = await gone(() => docker.getContainer(info.Id).remove({ force: true, v: true }));
  await gone(() => docker.getVolume(`${name}-ws`).remove({ force: true }));
  return { id: info.Id, name, removed };
}

/** 404: its own run removed it meanwhile. */
async function gone(remove: () => Promise<unknown>): Promise<boolean> {
  try {
    await remove();
    return true;
  } catch (error) {
    if (engineFailure(error) === 'missing') return false;
    throw error;
  }
}
