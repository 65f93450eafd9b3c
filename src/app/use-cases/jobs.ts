/**
 * The script-job use cases: submit (stored, then run now or kept on its schedule), show one with
 * its history, list the latest, delete one. The request is the view's zod schema, checked again
 * here for doors that do not (the field named); nothing is stored for a request refused.
 *
 * Deleting a job stops it and keeps its history readable: the job is marked deleted (its script,
 * input and variables erased) and leaves the list; its schedule stops in every process sharing
 * the database; a run queued or going is ended `cancelled` (its sandbox killed and removed, here
 * at once, in another process within a second); its finished runs stay at GET /v1/jobs/{id}.
 * Deleting it again answers the same view; an unknown id is not_found.
 */
import { randomUUID } from 'node:crypto';
import { UsageError } from '../../errors/usage-error.js';
import type { JobRecord, JobRunRecord } from '../../storage/job-store.js';
import type { AppContext } from '../context.js';
import { jobService } from '../job-service.js';
import { JobCancelled } from '../../jobs/job-cancelled.js';
import { JobRequest, type JobListView, type JobResultView, type JobRunView, type JobView } from '../views/job-view.js';

const HISTORY = 50;
export const MAX_LIST = 100;

export async function submitJob(ctx: AppContext, request: unknown): Promise<JobView> {
  const parsed = JobRequest.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new UsageError(`${field === '' ? 'the job' : field} ${issue?.message ?? 'is invalid'}`, {}, { field: field === '' ? 'body' : field });
  }
  const body = parsed.data;
  const settings = await ctx.settings(body.timeout === undefined ? null : { timeoutS: body.timeout });
  const job: JobRecord = {
    id: randomUUID(),
    type: body.type,
    script: body.script,
    input: body.input,
    variables: body.variables ?? {},
    timeoutS: body.timeout === undefined ? null : settings.testTimeoutMs / 1000,
    schedule: body.schedule ?? null,
    createdAt: Date.now(),
    deletedAt: null,
  };
  const storage = await ctx.storage();
  await storage.jobs.create(job);
  const service = jobService(ctx);
  if (job.schedule === null) await service.startRun(job);
  else service.schedule(job);
  return showJob(ctx, job.id);
}

export async function showJob(ctx: AppContext, id: string): Promise<JobView> {
  const storage = await ctx.storage();
  const job = await requireJob(ctx, id);
  const runs = await storage.jobs.runs(id, HISTORY);
  return { ...summary(job, runs[0] ?? null), runs: runs.map(runView) };
}

/** Deletes the job (see above) and answers it as it stands; idempotent. */
export async function deleteJob(ctx: AppContext, id: string): Promise<JobView> {
  const storage = await ctx.storage();
  const job = await requireJob(ctx, id);
  const cancelled: JobResultView = { output: null, condition: null, variables: {}, exitCode: null, durationMs: 0, limitHit: null, stdout: '', stderr: '', outputTruncated: false, error: new JobCancelled().message };
  if (job.deletedAt === null) await storage.jobs.markDeleted(id, Date.now(), cancelled);
  // Always: a deletion whose stopping was cut short (the process died) is finished by the next.
  await jobService(ctx).cancel(id);
  return showJob(ctx, id);
}

async function requireJob(ctx: AppContext, id: string): Promise<JobRecord> {
  const storage = await ctx.storage();
  const job = await storage.jobs.job(id);
  if (job === null) throw new UsageError(`no job ${id}`, { jobId: id }, { code: 'not_found', field: 'id' });
  return job;
}

export async function listJobs(ctx: AppContext, limit = MAX_LIST): Promise<JobListView> {
  const storage = await ctx.storage();
  const jobs = await storage.jobs.list(Math.min(limit, MAX_LIST));
  return { jobs: await Promise.all(jobs.map(async (job) => summary(job, (await storage.jobs.runs(job.id, 1))[0] ?? null))) };
}

function summary(job: JobRecord, latest: JobRunRecord | null): Omit<JobView, 'runs'> {
  return {
    id: job.id,
    type: job.type,
    schedule: job.schedule,
    timeout: job.timeoutS,
    createdAt: new Date(job.createdAt).toISOString(),
    status: job.deletedAt !== null ? 'deleted' : (latest?.status ?? 'scheduled'),
    deletedAt: job.deletedAt === null ? null : new Date(job.deletedAt).toISOString(),
    latest: latest === null ? null : runView(latest),
  };
}

function runView(run: JobRunRecord): JobRunView {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return { id: run.id, jobId: run.jobId, seq: run.seq, status: run.status, createdAt: new Date(run.createdAt).toISOString(), startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt), result: run.result };
}
