/** The records as a whole (`stats --json`, later `GET /v1/stats`), computed in SQL. */
import { z } from 'zod';

export const StatsView = z.object({
  proposals: z.record(z.string(), z.number().int()),
  validations: z.record(z.string(), z.number().int()),
  phases: z.record(z.string(), z.object({ count: z.number().int(), p50Ms: z.number(), p95Ms: z.number() })),
  projects: z.array(
    z.object({ name: z.string(), executed: z.number().int(), rejected: z.number().int(), passRate: z.number().nullable(), broken: z.number(), fixed: z.number(), baselines: z.number().int() }),
  ),
  changedOnRevalidation: z.array(z.object({ proposalId: z.string(), from: z.string(), to: z.string(), at: z.string() })),
});
export type StatsView = z.infer<typeof StatsView>;
