/**
 * Removes what a crash left behind: containers and workspace volumes labelled as ours whose owner
 * is gone, judged per owner kind (src/sandbox/owner-rule.ts): a validation's or baseline's lease in
 * this worker's database, a warm pool's, run's, job's or doctor's process on this host. Containers
 * are listed before the leases are read, so a validation that starts meanwhile is never mistaken
 * for a leftover. Nothing on the host is temporary: build contexts and changes are streamed, never
 * written to disk, so containers and volumes are all there is to clean.
 */
import type Docker from 'dockerode';
import { LABEL_OWNER } from '../src/sandbox/labels.js';
import { outlivedOwner } from '../src/sandbox/owner-rule.js';
import { engineFailure } from '../src/engine/engine-error.js';
import type { ProposalQueue } from '../src/storage/proposal-queue.js';

export interface Sweep {
  readonly containers: readonly string[];
  readonly volumes: readonly string[];
}

export async function sweepLeftovers(docker: Docker, queue: ProposalQueue, store: string): Promise<Sweep> {
  const filters = { label: [`${LABEL_OWNER}=true`] };
  const containers = await docker.listContainers({ all: true, filters });
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  const facts = { store, liveLeases: new Set((await queue.runningValidations()).flatMap((p) => (p.leaseOwner === null ? [] : [p.leaseOwner]))) };

  const removedContainers: string[] = [];
  for (const c of containers) {
    if (!outlivedOwner(c.Labels, facts)) continue;
    if (await gone(() => docker.getContainer(c.Id).remove({ force: true, v: true }))) removedContainers.push(c.Names[0] ?? c.Id);
  }
  const removedVolumes: string[] = [];
  for (const v of volumes) {
    if (!outlivedOwner(v.Labels ?? {}, facts)) continue;
    if (await gone(() => docker.getVolume(v.Name).remove({ force: true }))) removedVolumes.push(v.Name);
  }
  return { containers: removedContainers, volumes: removedVolumes };
}

/** Removal that tolerates a race with the owner's own cleanup (404: already gone, 409: busy). */
async function gone(remove: () => Promise<unknown>): Promise<boolean> {
  try {
    await remove();
    return true;
  } catch (error) {
    const failure = engineFailure(error);
    if (failure === 'missing' || failure === 'conflict') return false;
    throw error;
  }
}
