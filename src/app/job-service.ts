/**
 * The script jobs of one context: the runs going in this process (each started in the
 * background, aborted and waited for when the door closes), their followers' events
 * (jobs/job-events.ts), and the cron schedules (node-cron) that a long-lived door (serve) keeps:
 * each tick adds a run to the job's history, and a tick that finds the previous run still going
 * is skipped, so runs of one job never overlap in a process; each tick runs once however many
 * processes sharing the database keep the schedule (jobs/tick-id.ts).
 */
import { randomUUID } from 'node:crypto';
import { type ScheduledTask, schedule as cronSchedule } from 'node-cron';
import { JobEvents } from '../jobs/job-events.js';
import { tickRunId } from '../jobs/tick-id.js';
import type { JobRecord, JobRunRecord } from '../storage/job-store.js';
import type { AppContext } from './context.js';
import { runJob } from './use-cases/run-job.js';

export class JobService {
  readonly events = new JobEvents();
  private readonly going = new Map<string, Promise<unknown>>();
  private readonly busyJobs = new Set<string>();
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly aborter = new AbortController();
  private schedulerOn = false;

  constructor(private readonly ctx: AppContext) {}

  /** Adds a queued run to the job's history and starts it in the background. */
  async startRun(job: JobRecord): Promise<JobRunRecord> {
    const storage = await this.ctx.storage();
    const run = await storage.jobs.addRun(job.id, randomUUID());
    this.launch(job, run);
    return run;
  }

  /** A scheduled tick: run it unless another process sharing the database took it. */
  private async tick(job: JobRecord, at: Date): Promise<void> {
    if (this.busyJobs.has(job.id) || this.aborter.signal.aborted) return;
    const storage = await this.ctx.storage();
    const run = await storage.jobs.claimTick(job.id, tickRunId(job.id, at));
    if (run !== null) this.launch(job, run);
  }

  private launch(job: JobRecord, run: JobRunRecord): void {
    this.busyJobs.add(job.id);
    const going = runJob(this.ctx, this.events, job, run.id, this.aborter.signal)
      .catch((error: unknown) => void process.stderr.write(`patchproof: job ${job.id} run ${run.id} failed to record: ${error instanceof Error ? error.message : String(error)}\n`))
      .finally(() => {
        this.going.delete(run.id);
        this.busyJobs.delete(job.id);
      });
    this.going.set(run.id, going);
  }

  /** Schedules every stored job with a schedule, and those added later; idempotent. */
  async startScheduler(): Promise<void> {
    if (this.schedulerOn) return;
    this.schedulerOn = true;
    const storage = await this.ctx.storage();
    for (const job of await storage.jobs.scheduled()) this.schedule(job);
  }

  /** Runs the job on its schedule, when this door keeps schedules (else it waits for one that does). */
  schedule(job: JobRecord): void {
    if (!this.schedulerOn || job.schedule === null || this.tasks.has(job.id) || this.aborter.signal.aborted) return;
    const task = cronSchedule(
      job.schedule,
      (context) =>
        this.tick(job, context.date).catch((error: unknown) => void process.stderr.write(`patchproof: job ${job.id}'s scheduled run could not start: ${error instanceof Error ? error.message : String(error)}\n`)),
      { name: `patchproof-job-${job.id}` },
    );
    this.tasks.set(job.id, task);
  }

  get keepsSchedules(): boolean {
    return this.schedulerOn;
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    this.aborter.abort();
    await Promise.allSettled([...this.going.values()]);
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
