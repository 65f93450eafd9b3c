/** Finished proposals queued again (by project, by id, or all): each runs under its stored overrides. */
import { queueRevalidation } from '../../../workers/revalidation.js';
import type { AppContext } from '../context.js';
import type { RevalidateView } from '../views/proposal-view.js';

export async function revalidate(ctx: AppContext, target: { projects?: readonly string[]; proposalIds?: readonly string[] }): Promise<RevalidateView> {
  const storage = await ctx.storage();
  const queued = await queueRevalidation(storage, target);
  for (const id of queued) {
    const after = await storage.progress.lastSeq(id);
    await storage.progress.append(id, after + 1, [{ type: 'queued', reason: 'queued for revalidation' }]).catch(() => undefined);
  }
  return { queued };
}
