/**
 * Script jobs (POST /v1/jobs, the MCP run_job tool): the request, and a job with its runs (its
 * history) and each run's result: what the script set through the helper (output, condition,
 * variables), its log, and how it ended.
 */
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { LimitCodeView } from './run-view.js';

export const JOB_TYPES = ['bash', 'python', 'node'] as const;
export const JobType = z.enum(JOB_TYPES);
export type JobType = z.infer<typeof JobType>;

export const MAX_SCRIPT_BYTES = 256 * 1024;
export const MAX_INPUT_CHARS = 256 * 1024;
export const MAX_VARIABLES = 100;
export const MAX_VARIABLE_CHARS = 64 * 1024;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const JobVariables = z
  .record(z.string().regex(VARIABLE_NAME, 'must be a name of letters, digits and _ (at most 64)'), z.string().max(MAX_VARIABLE_CHARS))
  .refine((v) => Object.keys(v).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} variables`);

export const JobRequest = z.strictObject({
  type: JobType,
  script: z.string().min(1).refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_SCRIPT_BYTES, `must be at most ${MAX_SCRIPT_BYTES} bytes`),
  /** Any JSON value, read by the script through the helper. */
  input: z
    .unknown()
    .optional()
    .refine((v) => v === undefined || (JSON.stringify(v) ?? '').length <= MAX_INPUT_CHARS, `must be at most ${MAX_INPUT_CHARS} characters of JSON`),
  variables: JobVariables.optional(),
  /** Seconds for each run, at most the configured test timeout. */
  timeout: z.number().positive().max(86_400).optional(),
  /** A cron expression (5 fields, or 6 with seconds first): the job then runs on it, not now. */
  schedule: z.string().max(100).refine((s) => isCronExpression(s), 'is not a cron expression (5 or 6 fields, e.g. "*/10 * * * *")').optional(),
});
export type JobRequest = z.infer<typeof JobRequest>;

export const JOB_STATUSES = ['queued', 'preparing', 'running', 'completed', 'failed', 'timeout'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;
export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'timeout'];

export const JobResultView = z.object({
  output: z.unknown().nullable(),
  condition: z.string().nullable(),
  variables: z.record(z.string(), z.string()),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().nonnegative(),
  limitHit: LimitCodeView.nullable(),
  stdout: z.string(),
  stderr: z.string(),
  outputTruncated: z.boolean(),
  /** Why a run failed when the script's exit code does not say it: a bad result file, a limit, ours. */
  error: z.string().nullable(),
});
export type JobResultView = z.infer<typeof JobResultView>;

export const JobRunView = z.object({
  id: z.string(),
  jobId: z.string(),
  seq: z.number().int().positive(),
  status: JobStatus,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: JobResultView.nullable(),
});
export type JobRunView = z.infer<typeof JobRunView>;

export const JobView = z.object({
  id: z.string(),
  type: JobType,
  schedule: z.string().nullable(),
  timeout: z.number().nullable(),
  createdAt: z.string(),
  /** The latest run's status; `scheduled` before a scheduled job's first run. */
  status: z.union([JobStatus, z.literal('scheduled')]),
  /** The latest run. */
  latest: JobRunView.nullable(),
  /** Its runs, newest first (at most the last 50). */
  runs: z.array(JobRunView),
});
export type JobView = z.infer<typeof JobView>;

export const JobSummaryView = JobView.omit({ runs: true });
export const JobListView = z.object({ jobs: z.array(JobSummaryView) });
export type JobListView = z.infer<typeof JobListView>;

/** One event of GET /v1/jobs/{id}/events (its `event:` is the type, its `id:` the seq). */
export const JobStreamEventView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), seq: z.number().int(), runId: z.string(), status: JobStatus }),
  z.object({ type: z.literal('log'), seq: z.number().int(), runId: z.string(), text: z.string() }),
  z.object({ type: z.literal('end'), seq: z.number().int(), job: JobView }),
]);
