import { describe, expect, it } from 'vitest';
import { Releasers } from '../../../src/sandbox/releasers.js';

describe('Releasers', () => {
  it('releases in reverse order of registration, each once', async () => {
    const order: string[] = [];
    const releasers = new Releasers();
    for (const name of ['volume', 'container', 'stream']) releasers.add(name, async () => void order.push(name));
    expect(await releasers.releaseAll()).toEqual([]);
    expect(order).toEqual(['stream', 'container', 'volume']);
    expect(await releasers.releaseAll()).toEqual([]);
    expect(order).toHaveLength(3);
  });

  it('goes on past a failing release and returns each failure with its cause', async () => {
    const released: string[] = [];
    const releasers = new Releasers();
    const cause = new Error('engine said no');
    releasers.add('volume', async () => void released.push('volume'));
    releasers.add('container', async () => {
      throw cause;
    });
    releasers.add('exec', async () => void released.push('exec'));
    const failures = await releasers.releaseAll();
    expect(released).toEqual(['exec', 'volume']);
    expect(failures.map((f) => f.message)).toEqual(['releasing container failed: engine said no']);
    expect(failures[0]?.cause).toBe(cause);
  });

  it('gives up a release that never ends, records it, and releases the rest', async () => {
    const released: string[] = [];
    const releasers = new Releasers(200);
    releasers.add('volume', async () => void released.push('volume'));
    releasers.add('container', () => new Promise<void>(() => undefined));
    const failures = await releasers.releaseAll();
    expect(released).toEqual(['volume']);
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/^releasing container failed: .*releasing container.*200 ms/)]);
  });
});
