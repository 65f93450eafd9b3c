/**
 * An endless busy loop: stopped by the CPU-time budget (the container's cgroup CPU counter, read
 * through the engine while it runs), well before the wall-clock deadline, and told apart from a
 * hang: `cpu_time`, not `timeout`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const SPIN = `def test_spin():
    n = 0
    while True:
        n += 1
`;

describe('an infinite loop', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is stopped by the CPU-time budget and rejected as cpu_time', async () => {
    const result = await attack.run([testFile('test_spin.py', SPIN)], { cpuTimeS: 3, timeoutS: 90 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('cpu_time');
    expect(result.reason).toBe('stopped: used more CPU time than allowed (limit 3 s)');
    expect(result.test?.cpuLimitExceeded).toBe(true);
    expect(result.test?.timedOut).toBe(false);
    // Measured, not guessed: at least the budget, and stopped within a few polls of it. No wall-clock
    // bound: on a loaded machine the loop gets less than a core, and the deadline is far enough.
    const cpuSeconds = (result.test?.usage?.cpuNanos ?? 0) / 1e9;
    expect(cpuSeconds).toBeGreaterThanOrEqual(3);
    expect(cpuSeconds).toBeLessThan(8);
  });
});
