/**
 * Where following a proposal's current run starts: just before its latest `queued` event, so a
 * page opened on a revalidation shows that run's log, not the earlier run's replayed first.
 * Looks at the last 1,000 events kept; 0 (from the start) when no `queued` event is among them.
 */
import type { AppContext } from '../context.js';

export async function currentRunStart(ctx: AppContext, id: string): Promise<number> {
  const { progress } = await ctx.storage();
  const events = await progress.after(id, Math.max(0, (await progress.lastSeq(id)) - 1000), 1000);
  const queued = events.filter((e) => e.type === 'queued').at(-1);
  return queued === undefined ? 0 : queued.seq - 1;
}
