/**
 * A test that leaves things running: a setsid + nohup daemon, zombies, and a forked copy of
 * pytest in a session of its own that keeps the real stdout open and writes to it forever. The
 * run returns when pytest exits, not when the stream closes (that takes seconds with a writer
 * holding it, docs/sandbox.md P9), and every leftover is killed before the reports are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const LEAVER = `import os, subprocess, time


def test_leaves_things_running(capsys):
    subprocess.Popen(["setsid", "nohup", "sleep", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(5):
        if os.fork() == 0:
            os._exit(0)  # never waited for: a zombie until pytest is gone
    if os.fork() == 0:
        try:
            os.setsid()
            with capsys.disabled():
                while True:
                    print("tick", flush=True)
                    time.sleep(0.1)
        finally:
            os._exit(0)
`;

describe('a background process that outlives the test command', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('does not hold the run open and is killed when the tests end', async () => {
    const result = await attack.run([testFile('test_leaver.py', LEAVER)]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
    const test = result.test;
    // The ticker still wrote when pytest ended: the output was cut soon after the exit. Held open
    // until the 30 s deadline it would print ~300 ticks; the bound is loose so load cannot fail it.
    const stdout = test?.stdout ?? '';
    const afterClose = stdout.slice(stdout.lastIndexOf(' passed in '));
    const ticksAfter = afterClose.split('\n').filter((line) => line === 'tick').length;
    expect(stdout).toContain('tick\n');
    expect(ticksAfter).toBeLessThan(100);
    // The daemon and the ticker were found alive and killed; the container was kept.
    expect(test?.usage?.leftoverStop).toBe('killed');
    expect(test?.usage?.leftoverTasks).toBeGreaterThanOrEqual(2);
    expect(test?.timedOut).toBe(false);
  });
});
