/**
 * SimpleCov's `.resultset.json` as zod schemas (simplecov 0.22 `result_merger.rb`): one entry
 * per command name ("RSpec", "Unit Tests", "RSpec1"… with parallel_tests), each mapping absolute
 * file paths to their coverage. In `lines`, null means "not a relevant line" and a number is the
 * hit count. Before 0.18 a file mapped straight to that array; both layouts are read.
 */
import { z } from 'zod';

/** A hit count, or null for a line that is not code (blank, comment, `end`). */
const LineHits = z.union([z.number().int().nonnegative(), z.null()]);
export const LineArray = z.array(LineHits);
export type LineArray = z.infer<typeof LineArray>;

/** Keys are Ruby arrays printed as strings: "[:if, 0, 7, 4, 7, 60]" → "[:then, 1, 7, 4, 7, 49]" → hits. */
export const BranchMap = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));
export type BranchMap = z.infer<typeof BranchMap>;

export const FileCoverage = z.union([
  z.object({ lines: LineArray, branches: BranchMap.optional() }),
  // Pre-0.18 layout: the lines array itself.
  LineArray.transform((lines) => ({ lines, branches: undefined })),
]);
export type FileCoverage = z.infer<typeof FileCoverage>;

export const CommandResult = z.object({
  coverage: z.record(z.string(), FileCoverage),
  timestamp: z.number().optional(),
});

export const ResultSet = z.record(z.string(), CommandResult);
export type ResultSet = z.infer<typeof ResultSet>;
