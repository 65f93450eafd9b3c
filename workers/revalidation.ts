/**
 * Batch revalidation: finished proposals of the chosen projects (or the chosen proposals) go
 * back to the queue; the worker runs them and records each new outcome beside the old one
 * (kind `revalidation`, with the verdict it re-checked). Only enqueues: workers do the work.
 * Baselines are not revalidated by project: each belongs to one state (`patchproof baseline --refresh`).
 */
import { In } from 'typeorm';
import { InputError } from '../src/errors/input-error.js';
import { ProposalEntity } from '../src/storage/entities/proposal-entity.js';
import type { Storage } from '../src/storage/storage.js';

export interface RevalidationTarget {
  /** Project names or ids; empty or absent (with no proposals named) means every project. */
  readonly projects?: readonly string[];
  readonly proposalIds?: readonly string[];
}

export async function queueRevalidation(storage: Storage, target: RevalidationTarget): Promise<string[]> {
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
  return storage.queue.requeue([...new Set(ids)]);
}
