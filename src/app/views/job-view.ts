/**
 * Script jobs (POST /v1/jobs, the MCP run_job tool, `patchproof jobs`): the request, and a job
 * with its runs (its history) and each run's result: what the script set through the helper
 * (output, condition, variables), its log, and how it ended.
 */
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { JobLogEvent, JobStatusEvent, LOG_STREAMS } from '../../jobs/job-events.js';
import { FINAL_STATUSES, JOB_STATUSES, JOB_TYPES, JobResultView, JobStatus, JobType, MAX_INPUT_CHARS, MAX_INPUT_DEPTH, MAX_SCRIPT_BYTES, MAX_VARIABLE_CHARS, MAX_VARIABLES, nestingDepth, VARIABLE_NAME } from '../../jobs/job-model.js';

export { JobLogEvent, JobStatusEvent, LOG_STREAMS };
export { FINAL_STATUSES, JOB_STATUSES, JOB_TYPES, JobResultView, JobStatus, JobType, MAX_INPUT_CHARS, MAX_INPUT_DEPTH, MAX_SCRIPT_BYTES, MAX_VARIABLE_CHARS, MAX_VARIABLES, VARIABLE_NAME };

export const JobVariables = z
  .record(z.string().regex(VARIABLE_NAME, 'must be a name of letters, digits and _ (at most 64)'), z.string().max(MAX_VARIABLE_CHARS))
  .refine((v) => Object.keys(v).length <= MAX_VARIABLES, `at most ${MAX_VARIABLES} variables`);

export const JobRequest = z.strictObject({
  type: JobType,
  script: z.string().min(1).refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_SCRIPT_BYTES, `must be at most ${MAX_SCRIPT_BYTES} bytes`),
  /** Any JSON value, read by the script through the helper: its depth checked before its size, which recurses. */
  input: z
    .unknown()
    .optional()
    .superRefine((v, check) => {
      if (v === undefined) return;
      if (nestingDepth(v, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) check.addIssue({ code: 'custom', message: `must nest arrays and objects at most ${MAX_INPUT_DEPTH} deep` });
      else if ((JSON.stringify(v) ?? '').length > MAX_INPUT_CHARS) check.addIssue({ code: 'custom', message: `must be at most ${MAX_INPUT_CHARS} characters of JSON` });
    }),
  variables: JobVariables.optional(),
  /** Seconds for each run, at most the configured test timeout. */
  timeout: z.number().positive().max(86_400).optional(),
  /** A cron expression (5 fields, or 6 with seconds first): the job then runs on it, not now. */
  schedule: z.string().max(100).refine((s) => isCronExpression(s), 'is not a cron expression (5 or 6 fields, e.g. "*/10 * * * *")').optional(),
});
export type JobRequest = z.infer<typeof JobRequest>;

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
  /** The latest run's status; `scheduled` before a scheduled job's first run; `deleted` once deleted. */
  status: z.union([JobStatus, z.literal('scheduled'), z.literal('deleted')]),
  /** When the job was deleted (DELETE /v1/jobs/{id}): its schedule stopped, its runs going cancelled; its history stays. */
  deletedAt: z.string().nullable(),
  /** The latest run. */
  latest: JobRunView.nullable(),
  /** Its runs, newest first (at most the last 50). */
  runs: z.array(JobRunView),
});
export type JobView = z.infer<typeof JobView>;

export const JobSummaryView = JobView.omit({ runs: true });
export const JobListView = z.object({ jobs: z.array(JobSummaryView) });
export type JobListView = z.infer<typeof JobListView>;

/**
 * One event of a followed run (GET /v1/jobs/{id}/events, where its `event:` is the type and its
 * `id:` the seq; `jobs log --follow`; `jobs run`; MCP run_job's progress): the run's statuses and
 * log as stored (jobs/job-events.ts), then `end` with the job as it stands.
 */
export const JobStreamEventView = z.discriminatedUnion('type', [JobStatusEvent, JobLogEvent, z.object({ type: z.literal('end'), seq: z.number().int(), job: JobView })]);
export type JobStreamEventView = z.infer<typeof JobStreamEventView>;
