/**
 * Finished proposals queued again (by project, by id, or all): each runs under its stored
 * overrides. All or none: when they do not all fit under PATCHPROOF_MAX_PENDING, none is queued
 * and QueueFull (queue_full at every door) says how many would (workers/revalidation.ts).
 */
import { queueRevalidation } from '../../../workers/revalidation.js';
import type { AppContext } from '../context.js';
import type { RevalidateView } from '../views/proposal-view.js';

export async function revalidate(ctx: AppContext, target: { projects?: readonly string[]; proposalIds?: readonly string[] }): Promise<RevalidateView> {
  const storage = await ctx.storage();
  const queued = await queueRevalidation(storage, target, ctx.config.PATCHPROOF_MAX_PENDING);
  for (const id of queued) {
    const after = await storage.progress.lastSeq(id);
    await storage.progress.append(id, after + 1, [{ type: 'queued', reason: 'queued for revalidation' }]).catch(() => undefined);
  }
  return { queued };
}
