/**
 * A test whose child process sleeps far past the deadline: the wall clock ends it (no CPU is used,
 * so only the clock can), the child is killed with it, and the run returns at the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const SLEEPER = `import subprocess


def test_sleeps_in_a_child():
    subprocess.run(["sleep", "600"])
`;

describe('sleeping past the timeout in a child', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is stopped at the deadline and rejected as timeout', async () => {
    const result = await attack.run([testFile('test_sleeper.py', SLEEPER)], { timeoutS: 4 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('timeout');
    expect(result.reason).toBe('timed out after 4 s');
    expect(result.test?.timedOut).toBe(true);
    expect(result.test?.cpuLimitExceeded).toBe(false);
    expect(result.test?.durationMs).toBeGreaterThanOrEqual(4_000);
    expect(result.test?.durationMs).toBeLessThan(8_000);
    // Killed inside the kept container (not the container itself), so the counters were read.
    expect(result.test?.usage?.leftoverStop).not.toBe('container-killed');
  });
});
