import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/sandbox.js';
import { ValidationPools } from '../../../src/warm/validation-pools.js';
import type { Disposable } from '../../../src/warm/warm-pool.js';

/** A taken sandbox whose removal ends when the test says. */
function used(): { sandbox: Disposable<Sandbox>; finish: (error?: Error) => void; released: () => boolean } {
  let finish: (error?: Error) => void = () => undefined;
  let released = false;
  const removal = new Promise<void>((resolve, reject) => {
    finish = (error) => {
      released = true;
      if (error === undefined) resolve();
      else reject(error);
    };
  });
  return { sandbox: { value: {} as Sandbox, release: () => removal }, finish: (e) => finish(e), released: () => released };
}

// retire() never touches the engine: the pools' docker is not used here.
const NO_ENGINE = {} as Docker;

describe('a used warm sandbox is removed off the validation\'s critical path', () => {
  it('retire resolves before the removal ends; stop waits for every removal', async () => {
    const pools = new ValidationPools(NO_ENGINE, { size: 2 });
    const a = used();
    const b = used();
    await pools.retire(a.sandbox);
    await pools.retire(b.sandbox);
    let stopped = false;
    const stopping = pools.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    a.finish();
    b.finish(new Error('engine said no'));
    await stopping;
    expect(stopped).toBe(true);
  });

  it('past twice the pool size in flight, the taker waits for its own removal; a failure is logged, not thrown', async () => {
    const lines: string[] = [];
    const pools = new ValidationPools(NO_ENGINE, { size: 1, log: (line) => lines.push(line) });
    const first = [used(), used()];
    for (const u of first) await pools.retire(u.sandbox);
    const third = used();
    let returned = false;
    const waiting = pools.retire(third.sandbox).then(() => (returned = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(returned).toBe(false);
    third.finish(new Error('gone wrong'));
    await waiting;
    expect(lines.some((l) => l.includes('gone wrong'))).toBe(true);
    for (const u of first) u.finish();
    await pools.stop();
  });

  it('after stop, the taker waits for the removal (nobody else would)', async () => {
    const pools = new ValidationPools(NO_ENGINE, { size: 2 });
    await pools.stop();
    const late = used();
    let returned = false;
    const waiting = pools.retire(late.sandbox).then(() => (returned = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(returned).toBe(false);
    late.finish();
    await waiting;
    expect(late.released()).toBe(true);
  });
});
