/**
 * Code run in a runtime (`patchproof run`, POST /v1/run, the MCP run_code tool): the request, and
 * what the run printed, how it ended, the compiler's output, the friendly error and, with a
 * step's test suite, the per-test results. Or, asked not to wait, that the runtime is starting.
 */
import { z } from 'zod';
import { RuntimeNameSchema } from '../../runtime-names.js';
import { LimitCodeView } from './run-view.js';
import { TestCountsView } from './parts.js';

const MAX_FILE = 1024 * 1024;
const relativePath = z.string().min(1).max(255).regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/, 'must be a relative path of letters, digits, _ . - and /');
export const RunFile = z.strictObject({ filepath: relativePath, content: z.string().max(MAX_FILE) });

export const RunCodeRequest = z
  .strictObject({
    language: RuntimeNameSchema,
    /** The program, saved as the runtime's main file (main.py, Main.java, ...). */
    code: z.string().max(MAX_FILE).optional(),
    /** Or several files, the runtime's main file among them. */
    files: z.array(RunFile).min(1).max(100).optional(),
    stdin: z.string().max(MAX_FILE).optional(),
    /** Seconds for the run (and again for a compile), at most the configured test timeout. */
    timeout: z.number().positive().max(86_400).optional(),
    /** A step's test suite, run against the code saved beside it as main.<ext>. */
    tests: z.strictObject({ framework: z.string().min(1).max(50), files: z.array(RunFile).min(1).max(100) }).optional(),
    /** false: answer `starting` at once when no warm sandbox is ready, instead of starting one. */
    wait: z.boolean().optional(),
  })
  .refine((r) => (r.code === undefined) !== (r.files === undefined), { message: 'give exactly one of code and files', path: ['code'] });
export type RunCodeRequest = z.infer<typeof RunCodeRequest>;

export const FriendlyErrorView = z.object({
  phase: z.enum(['compile', 'run']),
  type: z.string(),
  message: z.string(),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  details: z.string(),
});

const OutputView = {
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  durationMs: z.number(),
  limitHit: LimitCodeView.nullable(),
  outputTruncated: z.boolean(),
};

export const StepTestsView = TestCountsView.extend({
  framework: z.string(),
  /** Every test passed, and the runner's own witness agrees with its report. */
  passedAll: z.boolean(),
  problem: z.string().nullable(),
  tests: z.array(z.object({ id: z.string(), name: z.string(), file: z.string().nullable(), status: z.enum(['passed', 'failed', 'error', 'skipped']), message: z.string().nullable(), durationMs: z.number().nullable() })),
});

export const RunCompletedView = z.object({
  status: z.literal('completed'),
  runId: z.string(),
  language: RuntimeNameSchema,
  ...OutputView,
  /** The compile step's output (compiled languages); null when there is none. */
  compile: z.object(OutputView).nullable(),
  /** The compiler's or interpreter's complaint as a person reads it; null when it made none. */
  error: FriendlyErrorView.nullable(),
  tests: StepTestsView.nullable(),
  /** The sandbox came from the warm pool (no container was started for this run). */
  warm: z.boolean(),
});
export type RunCompletedView = z.infer<typeof RunCompletedView>;

/** Asked not to wait, and no warm sandbox was ready: try again after `retryAfterS`. */
export const RunStartingView = z.object({ status: z.literal('starting'), language: RuntimeNameSchema, retryAfterS: z.number().int(), reason: z.string() });

export const RunCodeView = z.discriminatedUnion('status', [RunCompletedView, RunStartingView]);
export type RunCodeView = z.infer<typeof RunCodeView>;

export const RuntimeStatusView = z.object({
  name: RuntimeNameSchema,
  mainFile: z.string(),
  compiled: z.boolean(),
  testFrameworks: z.array(z.string()),
  /** ready (with `ready` warm), starting, stopped, unavailable (with `reason`), or cold: no pool, runs start their own sandbox. */
  state: z.enum(['ready', 'starting', 'stopped', 'unavailable', 'cold']),
  ready: z.number().int(),
  starting: z.number().int(),
  target: z.number().int(),
  reason: z.string().nullable(),
  retryAt: z.string().nullable(),
});
export const RuntimesView = z.object({ runtimes: z.array(RuntimeStatusView) });
export type RuntimesView = z.infer<typeof RuntimesView>;
