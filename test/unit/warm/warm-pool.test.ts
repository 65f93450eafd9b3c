import { describe, expect, it } from 'vitest';
import { WarmPool, type Disposable } from '../../../src/warm/warm-pool.js';

/** Sandboxes stood in for by numbers; the engine-backed pool is tested in integration. */
function counter() {
  let made = 0;
  const released: number[] = [];
  const create = async (): Promise<Disposable<number>> => {
    const n = ++made;
    return { value: n, release: async () => void released.push(n) };
  };
  return { create, released, made: () => made };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a warm pool', () => {
  it('starts as starting, fills to its target, hands each sandbox out once and refills', async () => {
    const c = counter();
    const pool = new WarmPool({ target: 2, create: c.create });
    expect(pool.status().state).toBe('starting');
    pool.start();
    await settle();
    expect(pool.status()).toMatchObject({ state: 'ready', ready: 2 });
    const first = pool.take();
    const second = pool.take();
    expect([first?.value, second?.value]).toEqual([1, 2]);
    await settle();
    expect(c.made()).toBe(4);
    expect(pool.take()?.value).toBe(3);
    await pool.stop();
    // The one not handed out (4) and the replacement of 3 (5) are released by the pool; 1-3 are the takers'.
    expect(c.released.sort()).toEqual([4, 5]);
    expect(pool.status().state).toBe('stopped');
    expect(pool.take()).toBeNull();
  });

  it('refills on release when asked to, so the replacement does not compete with the run', async () => {
    const c = counter();
    const pool = new WarmPool({ target: 1, create: c.create });
    pool.start();
    await settle();
    const taken = pool.take({ refill: 'on-release' });
    await settle();
    expect(c.made()).toBe(1);
    expect(pool.status()).toMatchObject({ ready: 0, starting: 0 });
    await taken?.release();
    await taken?.release();
    await settle();
    expect(c.made()).toBe(2);
    expect(c.released).toEqual([1, 1]);
    expect(pool.status()).toMatchObject({ state: 'ready', ready: 1 });
    await pool.stop();
  });

  it('says why it is unavailable, backs off and recovers', async () => {
    let fail = true;
    const pool = new WarmPool<number>({
      target: 1,
      backoffMs: 20,
      create: async () => {
        if (fail) throw new Error('image local/runtime-python missing');
        return { value: 7, release: async () => undefined };
      },
    });
    pool.start();
    await settle();
    const down = pool.status();
    expect(down.state).toBe('unavailable');
    expect(down.state === 'unavailable' ? down.reason : '').toMatch(/runtime-python missing/);
    expect(pool.take()).toBeNull();
    fail = false;
    const taken = await pool.takeWaiting(2_000);
    expect(taken?.value).toBe(7);
    await pool.stop();
  });

  it('waits for a sandbox still starting, and gives up at its deadline', async () => {
    let open: (d: Disposable<number>) => void = () => undefined;
    const pool = new WarmPool<number>({ target: 1, create: () => new Promise((resolve) => (open = resolve)) });
    pool.start();
    expect(await pool.takeWaiting(20)).toBeNull();
    const waiting = pool.takeWaiting(2_000);
    open({ value: 1, release: async () => undefined });
    expect((await waiting)?.value).toBe(1);
    // Taking it started a replacement; stop waits for it and releases it.
    open({ value: 2, release: async () => undefined });
    await pool.stop();
  });

  it('releases a sandbox that finishes starting after the pool stopped', async () => {
    let open: (d: Disposable<number>) => void = () => undefined;
    const released: number[] = [];
    const pool = new WarmPool<number>({ target: 1, create: () => new Promise((resolve) => (open = resolve)) });
    pool.start();
    const stopping = pool.stop();
    open({ value: 9, release: async () => void released.push(9) });
    await stopping;
    expect(released).toEqual([9]);
  });
});
