/**
 * Batch revalidation: finished proposals of the chosen projects (or the chosen proposals) go
 * back to the queue; the worker runs them and records each new outcome beside the old one
 * (kind `revalidation`, with the verdict it re-checked). Only enqueues: workers do the work.
 * Baselines are not revalidated by project: each belongs to one state (`patchproof baseline --refresh`).
 * A batch is admitted to the queue whole or not at all (PATCHPROOF_MAX_PENDING): past the limit
 * nothing is queued and QueueFull says how many would fit. All or nothing, because a batch cut
 * at an arbitrary point (by age) would revalidate some of a project's proposals and silently
 * leave the rest; the caller decides what to drop and asks again.
 */
import { In } from 'typeorm';
import { InputError } from '../src/errors/input-error.js';
import { QueueFull } from '../src/errors/queue-full.js';
import { ProposalEntity } from '../src/storage/entities/proposal-entity.js';
import type { Storage } from '../src/storage/storage.js';

export interface RevalidationTarget {
  /** Project names or ids; empty or absent (with no proposals named) means every project. */
  readonly projects?: readonly string[];
  readonly proposalIds?: readonly string[];
}

/** `maxPending`: PATCHPROOF_MAX_PENDING. */
export async function queueRevalidation(storage: Storage, target: RevalidationTarget, maxPending: number): Promise<string[]> {
  const repo = storage.db.getRepository(ProposalEntity);
  const finished = In(['executed', 'rejected', 'error']);
  const ids: string[] = [];
  if (target.proposalIds !== undefined && target.proposalIds.length > 0) {
    const found = await repo.find({ select: { id: true }, where: { id: In([...target.proposalIds]) } });
    const missing = target.proposalIds.filter((id) => !found.some((p) => p.id === id));
    if (missing.length > 0) throw new InputError(`revalidate: no proposal with id ${missing.map((m) => `"${m}"`).join(', ')}`, { missing }, { code: 'not_found' });
    ids.push(...found.map((p) => p.id));
  }
  if (target.projects !== undefined && target.projects.length > 0) {
    for (const name of target.projects) {
      const project = await storage.projects.byNameOrId(name);
      ids.push(...(await repo.find({ select: { id: true }, where: { projectId: project.id, kind: 'change', status: finished }, order: { createdAt: 'ASC' } })).map((p) => p.id));
    }
  }
  if ((target.projects ?? []).length === 0 && (target.proposalIds ?? []).length === 0) {
    ids.push(...(await repo.find({ select: { id: true }, where: { kind: 'change', status: finished }, order: { createdAt: 'ASC' } })).map((p) => p.id));
  }
  return storage.queue.requeue([...new Set(ids)], maxPending);
}

/**
 * One round of the schedule (PATCHPROOF_REVALIDATE_CRON). A full queue skips the round, logged
 * with the reason, and the worker goes on: the next round tries again. The proposals queued, or
 * null when the round was skipped.
 */
export async function revalidationRound(storage: Storage, projects: readonly string[], maxPending: number, log: (line: string) => void): Promise<string[] | null> {
  try {
    const queued = await queueRevalidation(storage, { projects }, maxPending);
    log(`revalidation: queued ${queued.length} proposal(s)${projects.length > 0 ? ` of ${projects.join(', ')}` : ''}`);
    return queued;
  } catch (error) {
    if (!(error instanceof QueueFull)) throw error;
    log(`revalidation: skipped this round, the queue is full: ${error.message}`);
    return null;
  }
}
