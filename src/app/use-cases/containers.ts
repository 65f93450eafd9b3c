/**
 * The containers patchproof has on the engine for this database: validations' (by
 * `patchproof.store`) and runs' (by `patchproof.run-store`). Only a run's container can be
 * stopped here: a validation's ends with its validation (or its lease, through the janitor).
 */
import type Docker from 'dockerode';
import { UsageError } from '../../errors/usage-error.js';
import { LABEL_CREATED, LABEL_OWNER, LABEL_PROPOSAL, LABEL_STORE, LABEL_VALIDATION } from '../../sandbox/labels.js';
import { LABEL_RUN_STORE } from '../../sandbox/run-labels.js';
import { statusCode } from '../../sandbox/sandbox.js';
import type { AppContext } from '../context.js';
import { markStopped } from '../run-registry.js';
import type { ContainerListView, ContainerView, StoppedContainerView } from '../views/run-view.js';

export async function listContainers(ctx: AppContext): Promise<ContainerListView> {
  const docker = await ctx.engine();
  const list = async (label: string) => docker.listContainers({ all: true, filters: { label: [`${LABEL_OWNER}=true`, `${label}=${ctx.store}`] } });
  const [validations, runs] = await Promise.all([list(LABEL_STORE), list(LABEL_RUN_STORE)]);
  return { containers: [...validations.map((c) => containerView(c, 'validation')), ...runs.map((c) => containerView(c, 'run'))] };
}

function containerView(c: Docker.ContainerInfo, kind: ContainerView['kind']): ContainerView {
  return {
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    kind,
    image: c.Image,
    state: c.State,
    createdAt: c.Labels[LABEL_CREATED] ?? null,
    runId: c.Labels[LABEL_VALIDATION] ?? null,
    proposalId: kind === 'run' ? null : (c.Labels[LABEL_PROPOSAL] ?? null),
  };
}

/** Kills and removes a run's container and its workspace volume, by id or name. */
export async function stopContainer(ctx: AppContext, key: string): Promise<StoppedContainerView> {
  const docker = await ctx.engine();
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(key).inspect();
  } catch (cause) {
    if (statusCode(cause) === 404) throw new UsageError(`no container "${key}" (list_containers gives the ids)`, { key }, { cause, code: 'not_found', field: 'id' });
    throw cause;
  }
  const labels = info.Config.Labels ?? {};
  const name = info.Name.replace(/^\//, '');
  if (labels[LABEL_OWNER] !== 'true' || (labels[LABEL_RUN_STORE] !== ctx.store && labels[LABEL_STORE] !== ctx.store)) {
    // Not ours (or another database's): said the same way as a missing one, nothing about it shown.
    throw new UsageError(`no container "${key}" (list_containers gives the ids)`, { key }, { code: 'not_found', field: 'id' });
  }
  if (labels[LABEL_RUN_STORE] !== ctx.store) throw new UsageError(`container ${name} belongs to a validation: it is removed when the validation ends`, { key }, { code: 'conflict', field: 'id' });
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
    if (statusCode(error) === 404) return false;
    throw error;
  }
}
