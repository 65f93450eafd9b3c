/**
 * The job store on SQLite and PostgreSQL: a job and its runs numbered in order, statuses and
 * results kept, a scheduled tick claimed once (the second claim of the same tick gets nothing),
 * lists bounded, newest first; a deleted job's unfinished runs ended cancelled at once, no run
 * added or tick claimed after, a run's later writes never overwriting that ending.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { tickRunId } from '../../src/jobs/tick-id.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { createTestDatabase, type TestDatabase } from '../support/local-postgres.js';

describe.each(['sqlite', 'postgres'] as const)('job store on %s', (backend) => {
  let database: TestDatabase | null = null;
  let storage: Storage;
  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (backend === 'postgres') {
      database = createTestDatabase();
      env.PATCHPROOF_DATABASE_URL = database.url;
    } else {
      env.PATCHPROOF_DB_PATH = join(await mkdtemp(join(tmpdir(), 'patchproof-job-store-')), 'db.sqlite');
    }
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
});
