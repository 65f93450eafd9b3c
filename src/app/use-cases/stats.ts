/** The records as a whole, optionally for one project aggregated in the database (storage/stats/outcome-stats.ts). */
import { outcomeStats } from '../../storage/stats/outcome-stats.js';
import type { AppContext } from '../context.js';
import type { StatsView } from '../views/stats-view.js';

export async function stats(ctx: AppContext, query: { project?: string | undefined } = {}): Promise<StatsView> {
  const storage = await ctx.storage();
  const projectId = query.project === undefined ? undefined : (await storage.projects.byNameOrId(query.project)).id;
  const s = await outcomeStats(storage.db, projectId);
  return { ...s, projects: [...s.projects], changedOnRevalidation: [...s.changedOnRevalidation] };
}
