/**
 * Following a job's latest run (GET /v1/jobs/{id}/events): its status changes and log as they
 * come, replayed from the start when this process runs it (jobs/job-events.ts), else read from
 * the database until it ends; the last event is `end`, the job as it stands. A scheduled job
 * not yet run is followed from its first run (or ends at once when deleted before one).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../context.js';
import { jobService } from '../job-service.js';
import { FINAL_STATUSES, type JobStatus, type JobView } from '../views/job-view.js';
import { showJob } from './jobs.js';

export type JobStreamEvent =
  | { readonly type: 'status'; readonly seq: number; readonly runId: string; readonly status: JobStatus }
  | { readonly type: 'log'; readonly seq: number; readonly runId: string; readonly text: string }
  | { readonly type: 'end'; readonly seq: number; readonly job: JobView };

const POLL_MS = 500;

/** `after`: the seq of the last event a reconnecting follower received (Last-Event-ID); 0: from the start. */
export async function* followJob(ctx: AppContext, jobId: string, options: { signal: AbortSignal; after?: number }): AsyncGenerator<JobStreamEvent> {
  for await (const event of follow(ctx, jobId, options.signal)) if (event.seq > (options.after ?? 0)) yield event;
}

async function* follow(ctx: AppContext, jobId: string, signal: AbortSignal): AsyncGenerator<JobStreamEvent> {
  let job = await showJob(ctx, jobId);
  while (job.latest === null && job.deletedAt === null) {
    await sleep(POLL_MS, undefined, { signal });
    job = await showJob(ctx, jobId);
  }
  // Deleted before it ever ran: nothing to follow.
  if (job.latest === null) {
    yield { type: 'end', seq: 1, job };
    return;
  }
  const runId = job.latest.id;
  let seq = 0;
  const queue: (JobStreamEvent | null)[] = [];
  let wake: (() => void) | null = null;
  const followed = jobService(ctx).events.follow(runId, (event) => {
    queue.push(event);
    wake?.();
  });
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (followed !== undefined) {
      for (const event of followed.past) yield event;
      seq = followed.past.length;
      if (!followed.ended) {
        for (;;) {
          while (queue.length === 0) {
            if (signal.aborted) return;
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = null;
            if (signal.aborted) return;
          }
          const next = queue.shift();
          if (next === null || next === undefined) break;
          seq = next.seq;
          yield next;
        }
      }
    } else {
      // Run by another process (or long ago): its statuses as the database shows them.
      let last: JobStatus | null = null;
      for (;;) {
        const run = job.runs.find((r) => r.id === runId);
        if (run !== undefined && run.status !== last) {
          last = run.status;
          seq += 1;
          yield { type: 'status', seq, runId, status: run.status };
        }
        if (run === undefined || FINAL_STATUSES.includes(run.status)) break;
        await sleep(POLL_MS, undefined, { signal });
        job = await showJob(ctx, jobId);
      }
    }
    yield { type: 'end', seq: seq + 1, job: await showJob(ctx, jobId) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    followed?.stop();
  }
}
