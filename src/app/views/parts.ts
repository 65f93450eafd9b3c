/**
 * Pieces several views share (a validation's test edits, comparison with its baseline, changed
 * lines, reruns, resources), each the zod mirror of the core type it shows. `satisfies` keeps
 * each in step with that type: a field added to the core fails the build here.
 */
import type { BuildErrors } from '../../pipeline/build-errors.js';
import { z } from 'zod';
import type { ChangedLinesSummary } from '../../coverage/changed-line-coverage.js';
import type { TestEdits } from '../../pipeline/test-edits.js';

/** Arrays read-only, as the core's types are (views are built from them without copying). */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const editList = z.object({ count: z.number().int(), paths: list(z.string()) });
const editKinds = z.object({ added: editList, modified: editList, deleted: editList });
export const TestEditsView = z.object({ tests: editKinds, support: editKinds }) satisfies z.ZodType<TestEdits>;

export const ChangedLinesView = z.object({
  total: z.number().int(),
  covered: z.number().int(),
  pct: z.number().nullable(),
  uncovered: list(z.object({ file: z.string(), lines: z.string() })),
  files: list(z.object({ file: z.string(), total: z.number().int(), covered: z.number().int() })),
  unmeasured: list(z.string()),
  filesOmitted: z.number().int(),
  exact: z.boolean(),
}) satisfies z.ZodType<ChangedLinesSummary>;

const count = z.number().int();
export const ComparisonView = z.object({
  baseline: z.object({ validationId: z.string(), reused: z.boolean() }),
  fixed: list(z.string()),
  broken: list(z.string()),
  stillFailing: list(z.string()),
  flaky: list(z.string()),
  added: list(z.string()),
  addedFailing: list(z.string()),
  removed: list(z.string()),
  modifiedTestFiles: list(z.string()),
  counts: z.object({ fixed: count, broken: count, stillFailing: count, flaky: count, added: count, addedFailing: count, removed: count, modifiedTestFiles: count }),
  note: z.string().nullable(),
});
export type ComparisonView = z.infer<typeof ComparisonView>;

export const RerunsView = z.object({
  runs: z.number().int(),
  durationMs: z.number(),
  flaky: list(z.object({ id: z.string(), rerun: z.number().int() })),
  stopped: z.string().nullable(),
});

export const TestCountsView = z.object({ total: z.number().int(), passed: z.number().int(), failed: z.number().int(), errors: z.number().int(), skipped: z.number().int() });

export const ResourcesView = z.object({ cpuNanos: z.number().nullable(), peakMemoryBytes: z.number().nullable(), ioReadBytes: z.number().nullable(), ioWriteBytes: z.number().nullable() });

export const Outcome = z.enum(['executed', 'rejected', 'error']);

/** The request overrides a proposal carries (see pipeline/request-overrides.ts). */
export { RequestOverridesSchema as OverridesView } from '../../pipeline/request-overrides.js';

/** The errors a failed build listed (capped at 1,000 lines), known ones included (pipeline/build-errors.ts). */
export const BuildErrorsView = z.object({ total: z.number().int(), lines: z.array(z.string()).readonly() }) satisfies z.ZodType<BuildErrors>;
