/**
 * The job store on SQLite and PostgreSQL: a job and its runs numbered in order, statuses and
 * results kept, a scheduled tick claimed once (the second claim of the same tick gets nothing),
 * lists bounded, newest first; a deleted job's unfinished runs ended cancelled at once, no run
 * added or tick claimed after, a run's later writes never overwriting that ending. A run's events
 * (statuses and log) numbered in order from any store over the database, read after a seq, none
 * added once the run ended, its ending always the last; log rows compacted a while after the
 * end, status rows kept; a run from before events were kept read as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { tickRunId } from '../../src/jobs/tick-id.js';
import { COMPACT_AFTER_MS } from '../../src/storage/job-run-events.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';

describe.each(['sqlite', 'postgres'] as const)('job store on %s', (backend) => {
  let database: TestDatabase | null = null;
  let storage: Storage;
  beforeAll(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-job-store-');
    database = made.database;
    const env = made.env;
    storage = await openStorage(loadConfig(env));
  });
  afterAll(async () => {
    await storage.close();
    database?.drop();
  });

  it('keeps a job, its numbered runs, their statuses and results, and claims a tick once', async () => {
    const id = randomUUID();
    await storage.jobs.create({ id, type: 'python', script: 'print(1)', input: { a: [1] }, variables: { v: 'x' }, timeoutS: 5, schedule: '*/2 * * * * *', createdAt: Date.now() });
    const job = await storage.jobs.job(id);
    expect(job).toMatchObject({ id, type: 'python', input: { a: [1] }, variables: { v: 'x' }, timeoutS: 5, schedule: '*/2 * * * * *' });
    expect((await storage.jobs.scheduled()).map((j) => j.id)).toContain(id);

    const first = await storage.jobs.addRun(id, randomUUID());
    await storage.jobs.setStatus(first.id, 'running');
    const result = { output: { ok: true }, condition: 'c', variables: { v: 'y' }, exitCode: 0, durationMs: 12, limitHit: null, stdout: 'o', stderr: '', outputTruncated: false, error: null };
    await storage.jobs.finish(first.id, 'completed', result);
    const tick = tickRunId(id, new Date('2026-12-02T03:00:02.000Z'));
    expect(tickRunId(id, new Date('2026-12-02T03:00:02.900Z'))).toBe(tick);
    const claimed = await storage.jobs.claimTick(id, tick);
    expect(claimed?.seq).toBe(2);
    expect(await storage.jobs.claimTick(id, tick)).toBeNull();

    const runs = await storage.jobs.runs(id, 10);
    expect(runs.map((r) => [r.seq, r.status])).toEqual([[2, 'queued'], [1, 'completed']]);
    expect(runs[1]).toMatchObject({ result, startedAt: expect.any(Number), finishedAt: expect.any(Number) });
    expect(await storage.jobs.runs(id, 1)).toHaveLength(1);
    expect(await storage.jobs.job(randomUUID())).toBeNull();
  });
  it('deletes a job: runs cancelled, nothing added after, later writes kept out', async () => {
    const id = randomUUID();
    await storage.jobs.create({ id, type: 'bash', script: 'echo secret', input: 'x', variables: { v: 'x' }, timeoutS: null, schedule: '* * * * * *', createdAt: Date.now(), deletedAt: null });
    const done = await storage.jobs.addRun(id, randomUUID());
    const going = await storage.jobs.addRun(id, randomUUID());
    if (done === null || going === null) throw new Error('the runs were not added');
    const result = { output: null, condition: null, variables: {}, exitCode: 0, durationMs: 1, limitHit: null, stdout: '', stderr: '', outputTruncated: false, error: null };
    expect(await storage.jobs.finish(done.id, 'completed', result)).toBe('completed');
    await storage.jobs.setStatus(going.id, 'running');
    expect(await storage.jobs.runLive(going.id)).toBe(true);

    expect(await storage.jobs.markDeleted(id, Date.now(), { ...result, exitCode: null, error: 'deleted' })).toBe(true);
    expect(await storage.jobs.markDeleted(id, Date.now(), result)).toBe(false);
    expect(await storage.jobs.runLive(going.id)).toBe(false);
    // The run's own ending, arriving late, does not overwrite the deletion's; nor does a status.
    await storage.jobs.setStatus(going.id, 'running');
    expect(await storage.jobs.finish(going.id, 'completed', result)).toBe('cancelled');
    const runs = await storage.jobs.runs(id, 10);
    expect(runs.map((r) => [r.seq, r.status, r.result?.error])).toEqual([[2, 'cancelled', 'deleted'], [1, 'completed', null]]);
    expect(await storage.jobs.addRun(id, randomUUID())).toBeNull();
    expect(await storage.jobs.claimTick(id, tickRunId(id, new Date()))).toBeNull();
    expect(await storage.jobs.job(id)).toMatchObject({ deletedAt: expect.any(Number), script: '', input: undefined, variables: {} });
    expect((await storage.jobs.scheduled()).map((j) => j.id)).not.toContain(id);
    expect((await storage.jobs.list(500)).map((j) => j.id)).not.toContain(id);
  });

  it("numbers a run's statuses and log in order, readable after a seq, closed once it ended", async () => {
    const id = randomUUID();
    await storage.jobs.create({ id, type: 'bash', script: 'echo', input: undefined, variables: {}, timeoutS: null, schedule: null, createdAt: Date.now(), deletedAt: null });
    const run = await storage.jobs.addRun(id, randomUUID());
    if (run === null) throw new Error('the run was not added');
    await storage.jobs.setStatus(run.id, 'running');
    expect(await storage.jobs.appendLog(run.id, [{ type: 'log', stream: 'stdout', text: 'one\n', truncated: false }, { type: 'log', stream: 'stderr', text: 'two\n', truncated: false }])).toBe(true);
    // A second store over the same database (another process) appends after the first's numbers.
    const other = await openStorage(storage.db.options.type === 'postgres' ? loadConfig({ PATCHPROOF_DATABASE_URL: database?.url ?? '' }) : loadConfig({ PATCHPROOF_DB_PATH: String(storage.db.options.database) }));
    try {
      expect(await other.jobs.appendLog(run.id, [{ type: 'log', stream: 'stdout', text: 'three\n', truncated: true }])).toBe(true);
      expect((await other.jobs.eventsAfter(run.id, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await other.close();
    }
    const result = { output: null, condition: null, variables: {}, exitCode: 0, durationMs: 1, limitHit: null, stdout: 'one\nthree\n', stderr: 'two\n', outputTruncated: false, error: null };
    expect(await storage.jobs.finish(run.id, 'completed', result)).toBe('completed');
    const events = await storage.jobs.eventsAfter(run.id, 0);
    expect(events.map((e) => (e.type === 'status' ? e.status : `${e.stream}:${e.text}${e.truncated ? '(cut)' : ''}`))).toEqual(['queued', 'running', 'stdout:one\n', 'stderr:two\n', 'stdout:three\n(cut)', 'completed']);
    expect(events.every((e) => e.runId === run.id)).toBe(true);
    expect((await storage.jobs.eventsAfter(run.id, 3)).map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(await storage.jobs.eventsAfter(run.id, 2, 2)).toHaveLength(2);
    // Ended: nothing more is added, its ending stays its last event.
    expect(await storage.jobs.appendLog(run.id, [{ type: 'log', stream: 'stdout', text: 'late\n', truncated: false }])).toBe(false);
    await storage.jobs.setStatus(run.id, 'running');
    expect(await storage.jobs.run(run.id)).toMatchObject({ status: 'completed', events: 6 });
    expect((await storage.jobs.eventsAfter(run.id, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("ends a deleted job's run with a cancelled event, and compacts log rows a while after the end", async () => {
    const id = randomUUID();
    await storage.jobs.create({ id, type: 'bash', script: 'echo', input: undefined, variables: {}, timeoutS: null, schedule: null, createdAt: Date.now(), deletedAt: null });
    const run = await storage.jobs.addRun(id, randomUUID());
    if (run === null) throw new Error('the run was not added');
    await storage.jobs.appendLog(run.id, [{ type: 'log', stream: 'stdout', text: 'started\n', truncated: false }]);
    const result = { output: null, condition: null, variables: {}, exitCode: null, durationMs: 0, limitHit: null, stdout: '', stderr: '', outputTruncated: false, error: 'deleted' };
    expect(await storage.jobs.markDeleted(id, Date.now(), result)).toBe(true);
    const events = await storage.jobs.eventsAfter(run.id, 0);
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'cancelled', seq: 3 });
    expect(await storage.jobs.appendLog(run.id, [{ type: 'log', stream: 'stdout', text: 'late\n', truncated: false }])).toBe(false);

    // Ended long ago: the next run's end drops its log rows, keeps its statuses (seqs still resume).
    await storage.db.query(`UPDATE job_runs SET finished_at = ${storage.db.options.type === 'postgres' ? '$1' : '?1'} WHERE id = ${storage.db.options.type === 'postgres' ? '$2' : '?2'}`, [Date.now() - COMPACT_AFTER_MS - 1_000, run.id]);
    const next = randomUUID();
    await storage.jobs.create({ id: next, type: 'bash', script: 'echo', input: undefined, variables: {}, timeoutS: null, schedule: null, createdAt: Date.now(), deletedAt: null });
    const recent = await storage.jobs.addRun(next, randomUUID());
    if (recent === null) throw new Error('the run was not added');
    await storage.jobs.appendLog(recent.id, [{ type: 'log', stream: 'stdout', text: 'kept\n', truncated: false }]);
    await storage.jobs.finish(recent.id, 'completed', { ...result, error: null });
    expect((await storage.jobs.eventsAfter(run.id, 0)).map((e) => [e.seq, e.type])).toEqual([[1, 'status'], [3, 'status']]);
    // Just ended: its log stays for followers still reading it.
    expect((await storage.jobs.eventsAfter(recent.id, 0)).map((e) => e.type)).toEqual(['status', 'log', 'status']);
  });

  it('reads a run from before events were kept as it was', async () => {
    const id = randomUUID();
    await storage.jobs.create({ id, type: 'bash', script: 'echo', input: undefined, variables: {}, timeoutS: null, schedule: null, createdAt: Date.now(), deletedAt: null });
    const runId = randomUUID();
    const p = (n: number) => (storage.db.options.type === 'postgres' ? `$${n}` : `?${n}`);
    const result = { output: 'old', condition: null, variables: {}, exitCode: 0, durationMs: 5, limitHit: null, stdout: 'old log\n', stderr: '', outputTruncated: false, error: null };
    // As the code before this change wrote it: no events, the counter at its default.
    await storage.db.query(`INSERT INTO job_runs (id, job_id, seq, status, created_at, finished_at, result) VALUES (${p(1)}, ${p(2)}, 1, 'completed', ${p(3)}, ${p(3)}, ${p(4)})`, [runId, id, Date.now(), JSON.stringify(result)]);
    expect(await storage.jobs.run(runId)).toMatchObject({ status: 'completed', events: 0, result });
    expect(await storage.jobs.eventsAfter(runId, 0)).toEqual([]);
  });
});
