/**
 * Following a job's latest run (GET /v1/jobs/{id}/events, `jobs log --follow`, `jobs run`, MCP
 * run_job) from any process sharing the database: its events as stored (its statuses and its log
 * in chunks, jobs/job-events.ts), read every POLL_MS after the last seq received, until the run
 * has ended and its last event is read; then `end`, the job as it stands. The seqs are the
 * store's, so a follower resumes after one (Last-Event-ID) on any server. A scheduled job not yet
 * run is followed from its first run (or ends at once when deleted before one). A run from before
 * events were kept has none stored: its ending is read from its row.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../context.js';
import type { JobStreamEventView } from '../views/job-view.js';
import { showJob } from './jobs.js';

/** How often the database is asked for what came; the run stores its log every 250 ms at most. */
const POLL_MS = 250;
const PAGE = 200;

/** `after`: the seq of the last event a reconnecting follower received (Last-Event-ID); 0: from the start. */
export async function* followJob(ctx: AppContext, jobId: string, options: { signal: AbortSignal; after?: number }): AsyncGenerator<JobStreamEventView> {
  const { signal } = options;
  const after = options.after ?? 0;
  const storage = await ctx.storage();
  let job = await showJob(ctx, jobId);
  while (job.latest === null && job.deletedAt === null) {
    if (!(await pause(signal))) return;
    job = await showJob(ctx, jobId);
  }
  // Deleted before it ever ran: nothing to follow.
  if (job.latest === null) {
    if (after < 1) yield { type: 'end', seq: 1, job };
    return;
  }
  const runId = job.latest.id;
  let seq = after;
  let last = seq;
  for (;;) {
    // The row first: once it says the run ended, every event the run will have is stored.
    const run = await storage.jobs.run(runId);
    let page;
    do {
      page = await storage.jobs.eventsAfter(runId, seq, PAGE);
      for (const event of page) {
        seq = event.seq;
        yield event;
      }
    } while (page.length === PAGE);
    if (run === null || run.finishedAt !== null) {
      last = run?.events ?? seq;
      if (run !== null && run.events === 0) {
        if (after < 1) yield { type: 'status', seq: 1, runId, status: run.status };
        last = 1;
      }
      break;
    }
    if (!(await pause(signal))) return;
  }
  if (last + 1 > after) yield { type: 'end', seq: last + 1, job: await showJob(ctx, jobId) };
}

/** Waits POLL_MS; false when the follower went away meanwhile. */
async function pause(signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(POLL_MS, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
