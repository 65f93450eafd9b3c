/**
 * Shapes the dashboard draws (and any door may print): a proposal's latest run in brief, a
 * project's history over time, the fleet's recent activity. Computed by app/use-cases/activity-*.ts.
 */
import { z } from 'zod';

/** A proposal's latest (or reused) run, as one row of a list shows it. */
export const RunSummary = z.object({
  validationId: z.string(),
  testsPassed: z.number().int(),
  testsFailed: z.number().int(),
  coverageLines: z.number().nullable(),
  durationMs: z.number().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** One time bucket of a series: its start, how many runs ended in it and how. */
export const Bucket = z.object({
  start: z.string(),
  executed: z.number().int(),
  rejected: z.number().int(),
  error: z.number().int(),
  /** Mean total duration of the bucket's runs; null when none recorded one. */
  meanMs: z.number().nullable(),
});
export type Bucket = z.infer<typeof Bucket>;

export const ProjectHistoryView = z.object({
  project: z.string(),
  /** The image its latest run used (null before any ran in a container). */
  image: z.string().nullable(),
  baseline: z
    .object({ validationId: z.string(), outcome: z.string(), reason: z.string(), passed: z.number().int(), failed: z.number().int(), finishedAt: z.string() })
    .nullable(),
  buckets: z.array(Bucket),
  runs: z.number().int(),
});
export type ProjectHistoryView = z.infer<typeof ProjectHistoryView>;

export const FleetView = z.object({
  /** Validations finished in each of the last 60 minutes, oldest first. */
  perMinute: z.array(z.object({ start: z.string(), count: z.number().int() })),
  buckets: z.array(Bucket),
  errorCauses: z.array(z.object({ reasonCode: z.string(), count: z.number().int() })),
  running: z.array(z.object({ worker: z.string(), proposalId: z.string(), title: z.string().nullable(), project: z.string(), phase: z.string().nullable() })),
});
export type FleetView = z.infer<typeof FleetView>;
