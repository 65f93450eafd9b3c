/**
 * The script jobs of one context: the runs going in this process (each started in the
 * background, aborted and waited for when the door closes, or when its job is deleted; their
 * events go to the database, where followers anywhere read them), and the cron schedules
 * (node-cron) that a long-lived door (serve) keeps: each tick adds a run to the job's history,
 * and a tick that finds the previous run still going is skipped, so runs of one job never
 * overlap in a process; each tick runs once however many processes sharing the database keep
 * the schedule (jobs/tick-id.ts).
 *
 * The database is the signal between processes: a deletion made anywhere (another server, the
 * CLI) marks the job, so a tick here adds no run for it and drops its schedule, the schedules are
 * read again every SYNC_MS (new jobs kept, deleted ones dropped), and each run going here checks
 * every LIVE_CHECK_MS that it is still wanted, and stops (its sandbox killed) when it is not.
 */
import { randomUUID } from 'node:crypto';
import { type ScheduledTask, schedule as cronSchedule } from 'node-cron';
import { JobCancelled } from '../jobs/job-cancelled.js';
import { tickRunId } from '../jobs/tick-id.js';
import type { JobRecord, JobRunRecord } from '../storage/job-store.js';
import type { AppContext } from './context.js';
import { runJob } from './use-cases/run-job.js';

const SYNC_MS = 5_000;
const LIVE_CHECK_MS = 1_000;

interface GoingRun {
  readonly jobId: string;
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

export class JobService {
  private readonly going = new Map<string, GoingRun>();
  private readonly busyJobs = new Set<string>();
  private readonly tasks = new Map<string, ScheduledTask>();
  private stopped = false;
  private schedulerOn = false;
  private sync: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: AppContext) {}

  /** Adds a queued run to the job's history and starts it in the background; null when the job is deleted. */
  async startRun(job: JobRecord): Promise<JobRunRecord | null> {
    const storage = await this.ctx.storage();
    const run = await storage.jobs.addRun(job.id, randomUUID());
    if (run !== null) this.launch(job, run);
    return run;
  }

  /** A scheduled tick: run it unless another process sharing the database took it, or the job is deleted. */
  private async tick(job: JobRecord, at: Date): Promise<void> {
    if (this.busyJobs.has(job.id) || this.stopped) return;
    const storage = await this.ctx.storage();
    const run = await storage.jobs.claimTick(job.id, tickRunId(job.id, at));
    if (run !== null) return this.launch(job, run);
    const stored = await storage.jobs.job(job.id);
    if (stored === null || stored.deletedAt !== null) await this.unschedule(job.id);
  }

  private launch(job: JobRecord, run: JobRunRecord): void {
    this.busyJobs.add(job.id);
    const controller = new AbortController();
    // Added as the door closed: it ends at once (failed, saying so), never left queued.
    if (this.stopped) controller.abort();
    const watch = setInterval(() => void this.checkLive(run.id, controller), LIVE_CHECK_MS);
    watch.unref();
    const done = runJob(this.ctx, job, run.id, controller.signal)
      .catch((error: unknown) => void process.stderr.write(`patchproof: job ${job.id} run ${run.id} failed to record: ${error instanceof Error ? error.message : String(error)}\n`))
      .finally(() => {
        clearInterval(watch);
        this.going.delete(run.id);
        this.busyJobs.delete(job.id);
      });
    this.going.set(run.id, { jobId: job.id, controller, done });
  }

  /** Stops the run when the database says it is no longer wanted (its job deleted, maybe elsewhere). */
  private async checkLive(runId: string, controller: AbortController): Promise<void> {
    if (controller.signal.aborted) return;
    try {
      const storage = await this.ctx.storage();
      if (!(await storage.jobs.runLive(runId)) && this.going.has(runId)) controller.abort(new JobCancelled());
    } catch {
      // The database did not answer: asked again at the next check.
    }
  }

  /**
   * The job was deleted (storage marked it): its schedule here is dropped and its runs going here
   * are stopped (their sandboxes killed) and waited for. Other processes see it by themselves.
   */
  async cancel(jobId: string): Promise<void> {
    await this.unschedule(jobId);
    const runs = [...this.going.values()].filter((run) => run.jobId === jobId);
    for (const run of runs) run.controller.abort(new JobCancelled());
    await Promise.allSettled(runs.map((run) => run.done));
  }

  /** Schedules every stored job with a schedule, and those added later (here or elsewhere); idempotent. */
  async startScheduler(): Promise<void> {
    if (this.schedulerOn || this.stopped) return;
    this.schedulerOn = true;
    await this.syncSchedules();
    this.sync = setInterval(() => void this.syncSchedules().catch((error: unknown) => void process.stderr.write(`patchproof: the job schedules could not be read: ${error instanceof Error ? error.message : String(error)}\n`)), SYNC_MS);
    this.sync.unref();
  }

  private async syncSchedules(): Promise<void> {
    const storage = await this.ctx.storage();
    const jobs = await storage.jobs.scheduled();
    const live = new Set(jobs.map((job) => job.id));
    for (const id of this.tasks.keys()) if (!live.has(id)) await this.unschedule(id);
    for (const job of jobs) this.schedule(job);
  }

  /** Runs the job on its schedule, when this door keeps schedules (else it waits for one that does). */
  schedule(job: JobRecord): void {
    if (!this.schedulerOn || job.schedule === null || job.deletedAt !== null || this.tasks.has(job.id) || this.stopped) return;
    const task = cronSchedule(
      job.schedule,
      (context) =>
        this.tick(job, context.date).catch((error: unknown) => void process.stderr.write(`patchproof: job ${job.id}'s scheduled run could not start: ${error instanceof Error ? error.message : String(error)}\n`)),
      { name: `patchproof-job-${job.id}` },
    );
    this.tasks.set(job.id, task);
  }

  private async unschedule(jobId: string): Promise<void> {
    const task = this.tasks.get(jobId);
    this.tasks.delete(jobId);
    await task?.destroy();
  }

  get keepsSchedules(): boolean {
    return this.schedulerOn;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sync !== null) clearInterval(this.sync);
    for (const id of [...this.tasks.keys()]) await this.unschedule(id);
    const runs = [...this.going.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((run) => run.done));
  }
}

const services = new WeakMap<AppContext, JobService>();

export function jobService(ctx: AppContext): JobService {
  let service = services.get(ctx);
  if (service === undefined) {
    service = new JobService(ctx);
    services.set(ctx, service);
  }
  return service;
}

/** Stops the context's schedules and waits for its runs (aborted); a no-op when none was made. */
export async function stopJobs(ctx: AppContext): Promise<void> {
  const service = services.get(ctx);
  services.delete(ctx);
  await service?.stop();
}
