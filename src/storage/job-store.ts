/**
 * Script jobs and their runs (migrations 1764900007000, 1764900008000). A job row holds what runs;
 * each run is a row of job_runs numbered per job, its status moved along as it goes and its result
 * (JSON, the job view's shape, bounded where it is made) written when it ends. A deleted job stays
 * as a tombstone (deleted_at, its script, input and variables erased) with its history; its
 * unfinished runs are ended `cancelled` in the same transaction, and a run's later writes (its
 * status, its finish) never overwrite a run already ended. Rows read back are parsed; one that
 * does not parse reads as absent, never as a crash.
 *
 * A run's events (its statuses and, as it goes, its log) are rows of their own
 * (storage/job-run-events.ts), each written in the same transaction as the change it tells, so a
 * follower in any process sees them in order and the run's last event is always its ending.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { JobRunEvent, JobRunEventBody } from '../jobs/job-events.js';
import { JobResultView, JobStatus, JobType, type JobResultView as JobResult, type JobStatus as Status } from '../jobs/job-model.js';
import { JobRunEvents } from './job-run-events.js';
import type { WriteQueue } from './write-queue.js';

export interface JobRecord {
  readonly id: string;
  readonly type: JobType;
  readonly script: string;
  readonly input: unknown;
  readonly variables: Record<string, string>;
  readonly timeoutS: number | null;
  readonly schedule: string | null;
  readonly createdAt: number;
  /** When the job was deleted (ms); null while it lives. */
  readonly deletedAt: number | null;
}

export interface JobRunRecord {
  readonly id: string;
  readonly jobId: string;
  readonly seq: number;
  readonly status: Status;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly result: JobResult | null;
  /** The seq of its last event (0: a run from before events were kept). */
  readonly events: number;
}

const num = z.coerce.number().int();
const JobRow = z.object({
  id: z.string(),
  type: JobType,
  script: z.string(),
  input: z.string().nullable(),
  variables: z.string(),
  timeout_s: num.nullable(),
  schedule: z.string().nullable(),
  created_at: num,
  deleted_at: num.nullable(),
});
const RunRow = z.object({
  id: z.string(),
  job_id: z.string(),
  seq: num,
  status: JobStatus,
  created_at: num,
  started_at: num.nullable(),
  finished_at: num.nullable(),
  result: z.string().nullable(),
  events: num,
});
const Variables = z.record(z.string(), z.string());

export class JobStore {
  private readonly events: JobRunEvents;

  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {
    this.events = new JobRunEvents(db);
  }

  async create(job: JobRecord): Promise<void> {
    await this.writes.transaction((em) =>
      em.query(`INSERT INTO jobs (id, type, script, input, variables, timeout_s, schedule, created_at) VALUES (${this.ps(8)})`, [
        job.id,
        job.type,
        job.script,
        job.input === undefined ? null : JSON.stringify(job.input),
        JSON.stringify(job.variables),
        job.timeoutS,
        job.schedule,
        job.createdAt,
      ]),
    );
  }

  /** A new run of the job, queued, numbered after its last; null when the job is deleted (or gone). */
  async addRun(jobId: string, runId: string): Promise<JobRunRecord | null> {
    const now = Date.now();
    const seq = await this.writes.transaction(async (em) => {
      const live: unknown = await em.query(`SELECT id FROM jobs WHERE id = ${this.p(1)} AND deleted_at IS NULL`, [jobId]);
      if (!Array.isArray(live) || live.length === 0) return null;
      const rows: unknown = await em.query(`SELECT MAX(seq) AS last FROM job_runs WHERE job_id = ${this.p(1)}`, [jobId]);
      const last = z.array(z.object({ last: num.nullable() })).parse(rows)[0]?.last ?? 0;
      await em.query(`INSERT INTO job_runs (id, job_id, seq, status, created_at) VALUES (${this.ps(5)})`, [runId, jobId, last + 1, 'queued', now]);
      await this.events.append(em, runId, [{ type: 'status', status: 'queued' }]);
      return last + 1;
    });
    return seq === null ? null : { id: runId, jobId, seq, status: 'queued', createdAt: now, startedAt: null, finishedAt: null, result: null, events: 1 };
  }

  /**
   * Deletes the job: the tombstone (deleted_at, the script, input and variables erased) and every
   * unfinished run ended `cancelled` with `result` (its last event saying so), at once. False
   * when it was deleted already.
   */
  async markDeleted(jobId: string, at: number, result: JobResult): Promise<boolean> {
    return this.writes.transaction(async (em) => {
      const live: unknown = await em.query(`SELECT id FROM jobs WHERE id = ${this.p(1)} AND deleted_at IS NULL`, [jobId]);
      if (!Array.isArray(live) || live.length === 0) return false;
      await em.query(`UPDATE jobs SET deleted_at = ${this.p(1)}, script = '', input = NULL, variables = '{}' WHERE id = ${this.p(2)}`, [at, jobId]);
      const going = z.array(z.object({ id: z.string() })).parse(await em.query(`SELECT id FROM job_runs WHERE job_id = ${this.p(1)} AND finished_at IS NULL`, [jobId]));
      for (const run of going) {
        await this.events.append(em, run.id, [{ type: 'status', status: 'cancelled' }], { sql: `status = 'cancelled', finished_at = ${this.p(2)}, result = ${this.p(3)}`, params: [at, JSON.stringify(result)] });
      }
      return true;
    });
  }

  /** Whether the run may go on: it is there, not ended (by a deletion, maybe in another process), and its job not deleted. */
  async runLive(runId: string): Promise<boolean> {
    const rows: unknown = await this.db.query(`SELECT r.finished_at AS finished, j.deleted_at AS deleted FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE r.id = ${this.p(1)}`, [runId]);
    const row = z.array(z.object({ finished: num.nullable(), deleted: num.nullable() })).safeParse(rows);
    const first = row.success ? row.data[0] : undefined;
    return first !== undefined && first.finished === null && first.deleted === null;
  }

  /**
   * A scheduled tick's run, its id made from the job and the tick (jobs/tick-id.ts): null when
   * another process sharing the database took this tick already (the row is there), so each tick
   * runs once however many servers keep the schedule.
   */
  async claimTick(jobId: string, runId: string): Promise<JobRunRecord | null> {
    if (await this.runExists(runId)) return null;
    try {
      return await this.addRun(jobId, runId);
    } catch (error) {
      // Lost the race on the primary key: decided by the row, not by the error's words.
      if (await this.runExists(runId)) return null;
      throw error;
    }
  }

  private async runExists(runId: string): Promise<boolean> {
    const rows: unknown = await this.db.query(`SELECT id FROM job_runs WHERE id = ${this.p(1)}`, [runId]);
    return Array.isArray(rows) && rows.length > 0;
  }

  async setStatus(runId: string, status: Status): Promise<void> {
    const started = status === 'running' ? `, started_at = ${this.p(3)}` : '';
    await this.writes.transaction((em) =>
      this.events.append(em, runId, [{ type: 'status', status }], { sql: `status = ${this.p(2)}${started}`, params: status === 'running' ? [status, Date.now()] : [status] }),
    );
  }

  /** Adds log events to a run going; false when it has ended (nothing written). */
  async appendLog(runId: string, events: readonly JobRunEventBody[]): Promise<boolean> {
    if (events.length === 0) return true;
    return this.writes.transaction((em) => this.events.append(em, runId, events));
  }

  /** The run's events after `afterSeq` (0: from its first), oldest first, at most `limit`. */
  async eventsAfter(runId: string, afterSeq: number, limit = 200): Promise<JobRunEvent[]> {
    return this.events.after(runId, afterSeq, limit);
  }

  /**
   * Ends the run unless it ended already (a deletion cancelled it); the status it has now. Runs
   * ended a while ago lose their log rows here (job-run-events.ts, compaction).
   */
  async finish(runId: string, status: Status, result: JobResult): Promise<Status> {
    return this.writes.transaction(async (em) => {
      const now = Date.now();
      await this.events.append(em, runId, [{ type: 'status', status }], { sql: `status = ${this.p(2)}, finished_at = ${this.p(3)}, result = ${this.p(4)}`, params: [status, now, JSON.stringify(result)] });
      await this.events.compact(em, now);
      const rows: unknown = await em.query(`SELECT status FROM job_runs WHERE id = ${this.p(1)}`, [runId]);
      return z.array(z.object({ status: JobStatus })).safeParse(rows).data?.[0]?.status ?? status;
    });
  }

  async job(id: string): Promise<JobRecord | null> {
    const rows: unknown = await this.db.query(`SELECT * FROM jobs WHERE id = ${this.p(1)}`, [id]);
    return this.jobsFrom(rows)[0] ?? null;
  }

  /** Newest first, at most `limit`; deleted jobs are not listed. */
  async list(limit: number): Promise<JobRecord[]> {
    const rows: unknown = await this.db.query(`SELECT * FROM jobs WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ${Math.max(1, Math.min(500, Math.floor(limit)))}`);
    return this.jobsFrom(rows);
  }

  async scheduled(): Promise<JobRecord[]> {
    const rows: unknown = await this.db.query('SELECT * FROM jobs WHERE schedule IS NOT NULL AND deleted_at IS NULL ORDER BY created_at ASC');
    return this.jobsFrom(rows);
  }

  /** The job's runs, newest first, at most `limit`. */
  async runs(jobId: string, limit: number): Promise<JobRunRecord[]> {
    const rows: unknown = await this.db.query(`SELECT * FROM job_runs WHERE job_id = ${this.p(1)} ORDER BY seq DESC LIMIT ${Math.max(1, Math.min(500, Math.floor(limit)))}`, [jobId]);
    return this.runsFrom(rows);
  }

  async run(runId: string): Promise<JobRunRecord | null> {
    const rows: unknown = await this.db.query(`SELECT * FROM job_runs WHERE id = ${this.p(1)}`, [runId]);
    return this.runsFrom(rows)[0] ?? null;
  }

  private runsFrom(rows: unknown): JobRunRecord[] {
    const parsed = z.array(z.unknown()).safeParse(rows);
    if (!parsed.success) return [];
    return parsed.data.flatMap((raw) => {
      const row = RunRow.safeParse(raw);
      if (!row.success) return [];
      const r = row.data;
      const result = r.result === null ? null : JobResultView.safeParse(safeJson(r.result));
      return [{ id: r.id, jobId: r.job_id, seq: r.seq, status: r.status, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, result: result?.success === true ? result.data : null, events: r.events }];
    });
  }

  private jobsFrom(rows: unknown): JobRecord[] {
    const parsed = z.array(z.unknown()).safeParse(rows);
    if (!parsed.success) return [];
    return parsed.data.flatMap((raw) => {
      const row = JobRow.safeParse(raw);
      if (!row.success) return [];
      const r = row.data;
      const variables = Variables.safeParse(safeJson(r.variables));
      return [{ id: r.id, type: r.type, script: r.script, input: r.input === null ? undefined : safeJson(r.input), variables: variables.success ? variables.data : {}, timeoutS: r.timeout_s, schedule: r.schedule, createdAt: r.created_at, deletedAt: r.deleted_at }];
    });
  }

  private ps(n: number): string {
    return Array.from({ length: n }, (_, i) => this.p(i + 1)).join(', ');
  }

  private p(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : `?${n}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
