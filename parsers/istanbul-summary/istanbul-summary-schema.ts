/**
 * istanbul's json-summary (coverage-summary.json): a `total` entry plus one per file, each with
 * lines/statements/functions/branches counters. `pct` is a number floored to two decimals, or
 * the string "Unknown" when nothing was measured.
 */
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const Counter = z.object({
  total: Count,
  covered: Count,
  skipped: Count.optional(),
  pct: z.union([z.number().min(0).max(100), z.literal('Unknown')]),
});
export type Counter = z.infer<typeof Counter>;

export const CoverageSummaryJson = z.object({
  total: z.object({
    lines: Counter,
    branches: Counter.optional(),
  }),
});
