import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeProgressEvent, followProgressStream } from '../../../src/engine/progress-stream.js';

const lines = (...events: object[]) => events.map((e) => `${JSON.stringify(e)}\r\n`).join('');

describe('followProgressStream', () => {
  it('resolves with every event of a clean stream, including a last line without newline', async () => {
    const stream = new PassThrough();
    const seen: string[] = [];
    const done = followProgressStream(stream, { timeoutMs: 5_000, onEvent: (e) => seen.push(e.status ?? '') });
    stream.write(lines({ status: 'Pulling from library/debian', id: 'bookworm' }).slice(0, 10));
    stream.write(lines({ status: 'Pulling from library/debian', id: 'bookworm' }).slice(10));
    stream.end(JSON.stringify({ status: 'sha256:abc' }));
    const events = await done;
    expect(events.map((e) => e.status)).toEqual(['Pulling from library/debian', 'sha256:abc']);
    expect(seen).toEqual(['Pulling from library/debian', 'sha256:abc']);
  });

  it('rejects on an error event inside an otherwise successful stream (what followProgress misses)', async () => {
    const stream = new PassThrough();
    const done = followProgressStream(stream, { timeoutMs: 5_000 });
    stream.end(
      lines(
        { status: 'Pulling from library/debian' },
        { errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown: whatever' },
        { status: 'never reached' },
      ),
    );
    await expect(done).rejects.toThrow('manifest unknown');
  });

  it('rejects on an error without errorDetail', async () => {
    const stream = new PassThrough();
    const done = followProgressStream(stream, { timeoutMs: 5_000 });
    stream.end(lines({ error: 'no space left on device' }));
    await expect(done).rejects.toThrow('no space left on device');
  });

  it('rejects when the stream closes before its end', async () => {
    const stream = new PassThrough();
    const done = followProgressStream(stream, { timeoutMs: 5_000 });
    stream.write(lines({ status: 'Downloading' }));
    stream.destroy();
    await expect(done).rejects.toThrow('closed');
  });

  it('rejects on a stream error', async () => {
    const stream = new PassThrough();
    const done = followProgressStream(stream, { timeoutMs: 5_000 });
    stream.destroy(new Error('socket hang up'));
    await expect(done).rejects.toThrow('socket hang up');
  });

  it('rejects, rather than throwing from a handler, on a line that is not JSON', async () => {
    const stream = new PassThrough();
    const done = followProgressStream(stream, { timeoutMs: 5_000 });
    stream.end('<html>proxy error</html>\n');
    await expect(done).rejects.toThrow('unexpected output');
  });

  it('rejects when the stream stays silent past the idle timeout', async () => {
    const stream = new PassThrough();
    const started = Date.now();
    await expect(followProgressStream(stream, { timeoutMs: 5_000, idleTimeoutMs: 50 })).rejects.toThrow('no progress');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stream.destroyed).toBe(true);
  });

  it('rejects when the whole stream takes longer than the timeout', async () => {
    const stream = new PassThrough();
    const timer = setInterval(() => stream.write(lines({ status: 'Downloading' })), 10);
    try {
      await expect(followProgressStream(stream, { timeoutMs: 100, idleTimeoutMs: 1_000 })).rejects.toThrow('not finished');
    } finally {
      clearInterval(timer);
    }
  });
});

describe('describeProgressEvent', () => {
  it('shows status lines and skips byte counts', () => {
    expect(describeProgressEvent({ status: 'Pull complete', id: 'abc' })).toBe('abc: Pull complete');
    expect(describeProgressEvent({ status: 'Downloading', id: 'abc', progressDetail: { current: 5, total: 9 } })).toBeUndefined();
    expect(describeProgressEvent({})).toBeUndefined();
  });
});
