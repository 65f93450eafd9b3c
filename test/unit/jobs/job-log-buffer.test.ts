/**
 * A running job's log on its way to the store: many small chunks make one write, a stream's
 * consecutive bytes one event of at most MAX_LOG_CHUNK_BYTES, FLUSH_BYTES waiting is written
 * without waiting for the timer; each stream stops at its bound and says so on its last event, as
 * does a run that reached MAX_LOG_EVENTS; characters split between chunks stay whole; a store
 * that refuses (the run ended) gets nothing more, and a failing write is told, not thrown.
 */
import { describe, expect, it } from 'vitest';
import type { JobRunEventBody } from '../../../src/jobs/job-events.js';
import { FLUSH_BYTES, JobLogBuffer, MAX_LOG_CHUNK_BYTES, MAX_LOG_EVENTS } from '../../../src/jobs/job-log-buffer.js';

type Log = Extract<JobRunEventBody, { type: 'log' }>;

function recorder(answer: () => boolean | Promise<boolean> = () => true) {
  const writes: Log[][] = [];
  const errors: unknown[] = [];
  const sink = async (events: readonly JobRunEventBody[]) => {
    writes.push(events.filter((e): e is Log => e.type === 'log'));
    return answer();
  };
  return { writes, errors, buffer: (keep: number) => new JobLogBuffer(sink, keep, (error) => errors.push(error)) };
}

const bytesOf = (events: readonly Log[], stream: string) => events.filter((e) => e.stream === stream).reduce((n, e) => n + Buffer.byteLength(e.text), 0);

describe('JobLogBuffer', () => {
  it('writes many small chunks at once, one event per run of a stream, in order', async () => {
    const { writes, buffer } = recorder();
    const log = buffer(64 * 1024);
    for (let i = 0; i < 100; i += 1) log.push('stdout', Buffer.from(`line ${i}\n`));
    log.push('stderr', Buffer.from('oops\n'));
    log.push('stdout', Buffer.from('after\n'));
    await log.close();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map((e) => [e.stream, e.truncated])).toEqual([['stdout', false], ['stderr', false], ['stdout', false]]);
    expect(writes[0]?.[0]?.text).toBe(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
  });

  it('writes once FLUSH_BYTES wait, and keeps each event within MAX_LOG_CHUNK_BYTES', async () => {
    const { writes, buffer } = recorder();
    const log = buffer(1024 * 1024);
    const kib = Buffer.alloc(1024, 'a');
    for (let i = 0; i < FLUSH_BYTES / 1024; i += 1) log.push('stdout', kib);
    // Written without a flush asked for (the sink is called once the write's turn comes).
    await Promise.resolve();
    await Promise.resolve();
    expect(writes).toHaveLength(1);
    log.push('stdout', Buffer.alloc(3 * MAX_LOG_CHUNK_BYTES, 'b'));
    await log.close();
    const events = writes.flat();
    expect(events.every((e) => Buffer.byteLength(e.text) <= MAX_LOG_CHUNK_BYTES)).toBe(true);
    expect(bytesOf(events, 'stdout')).toBe(FLUSH_BYTES + 3 * MAX_LOG_CHUNK_BYTES);
  });

  it('stops each stream at its bound, saying so, and keeps characters whole across chunks', async () => {
    const { writes, buffer } = recorder();
    const log = buffer(4096);
    const euro = Buffer.from('€');
    log.push('stderr', euro.subarray(0, 1));
    log.push('stderr', euro.subarray(1));
    for (let i = 0; i < 100; i += 1) log.push('stdout', Buffer.from(`${'x'.repeat(99)}\n`));
    log.push('stderr', Buffer.from(' done\n'));
    await log.close();
    const events = writes.flat();
    expect(bytesOf(events, 'stdout')).toBe(4096);
    const stdout = events.filter((e) => e.stream === 'stdout');
    expect(stdout.at(-1)?.truncated).toBe(true);
    expect(stdout.slice(0, -1).every((e) => !e.truncated)).toBe(true);
    expect(events.filter((e) => e.stream === 'stderr').map((e) => e.text).join('')).toBe('€ done\n');
    expect(events.filter((e) => e.stream === 'stderr').some((e) => e.truncated)).toBe(false);
  });

  it('stops both streams once the run has MAX_LOG_EVENTS, each saying so', async () => {
    const { writes, buffer } = recorder();
    const log = buffer(1024 * 1024);
    for (let i = 0; i < MAX_LOG_EVENTS; i += 1) log.push(i % 2 === 0 ? 'stdout' : 'stderr', Buffer.from('.'));
    await log.close();
    const events = writes.flat();
    expect(events).toHaveLength(MAX_LOG_EVENTS);
    expect(events.filter((e) => e.truncated).map((e) => e.stream).sort()).toEqual(['stderr', 'stdout']);
  });

  it('writes nothing more once the store refuses, and tells a failed write without throwing', async () => {
    const refusing = recorder(() => false);
    const log = refusing.buffer(4096);
    log.push('stdout', Buffer.from('one\n'));
    await log.flush();
    log.push('stdout', Buffer.from('two\n'));
    await log.close();
    expect(refusing.writes.flat().map((e) => e.text)).toEqual(['one\n']);

    const failing = recorder(() => Promise.reject(new Error('database is locked')));
    const other = failing.buffer(4096);
    other.push('stdout', Buffer.from('one\n'));
    await other.flush();
    other.push('stdout', Buffer.from('two\n'));
    await other.close();
    expect(failing.writes).toHaveLength(2);
    expect(failing.errors).toHaveLength(2);
  });
});
