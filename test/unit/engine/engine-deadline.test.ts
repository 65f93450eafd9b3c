import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closeStream, withDeadline } from '../../../src/engine/engine-deadline.js';
import { InfraError } from '../../../src/errors/infra-error.js';

describe('withDeadline', () => {
  it('returns what the call returns in time, its signal never aborted', async () => {
    let seen: AbortSignal | undefined;
    expect(await withDeadline('answering', 1_000, async (signal) => ((seen = signal), 42))).toBe(42);
    expect(seen?.aborted).toBe(false);
  });

  it('passes the call\'s own failure through', async () => {
    await expect(withDeadline('answering', 1_000, () => Promise.reject(new Error('no such container')))).rejects.toThrow('no such container');
  });

  it('ends a call that never answers as ENGINE_TIMEOUT naming it, and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const error = await withDeadline('killing the container', 20, (signal) => ((seen = signal), new Promise<never>(() => undefined)), { containerId: 'abc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect(error).toMatchObject({ code: 'ENGINE_TIMEOUT', message: 'the engine did not finish killing the container within 20 ms', context: { containerId: 'abc', call: 'killing the container', timeoutMs: 20 } });
    expect(seen?.aborted).toBe(true);
  });

  it('closes a stream that arrives after its deadline', async () => {
    const late = new PassThrough();
    let deliver: (s: PassThrough) => void = () => undefined;
    const error = await withDeadline('opening a stream', 10, () => new Promise<PassThrough>((resolve) => (deliver = resolve))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENGINE_TIMEOUT' });
    deliver(late);
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.destroyed).toBe(true);
  });
});

describe('closeStream', () => {
  it('destroys a stream, twice without harm, and ignores what is not one', () => {
    const stream = new PassThrough();
    closeStream(stream);
    closeStream(stream);
    expect(stream.destroyed).toBe(true);
    closeStream(null);
    closeStream({ id: 'x' });
  });
});
