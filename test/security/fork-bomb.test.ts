/**
 * A fork bomb started in the background by a test that then passes: the pids limit holds it, the
 * refused forks are read back from the pids cgroup, and the bomb is killed when the run ends
 * although no new process could be started in the container by then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const BOMB = `import subprocess, time


def test_fork_bomb():
    # Every call starts two more in the background, none ever ends; the test itself passes.
    subprocess.Popen(["bash", "-c", "f() { f | f & }; f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
`;

describe('a fork bomb', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  // Not retried: under load the reaper's exec after the bomb sometimes cannot start (runc's init
  // dies in the full cgroup); the sandbox starts it again (docs/sandbox.md P3). This once ended
  // as no_report.
  it('is rejected as pids_limit, and the bomb is killed when the tests end', async () => {
    const started = Date.now();
    const result = await attack.run([testFile('test_bomb.py', BOMB)], { pidsLimit: 64 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('pids_limit');
    expect(result.reason).toBe('hit the process limit: the tests tried to run more processes and threads at once than allowed (limit 64)');
    expect(result.test?.usage?.forksRefused).toBeGreaterThan(0);
    // Still running when pytest ended: found and killed, the container kept.
    expect(result.test?.usage?.leftoverStop).toBe('killed');
    expect(result.test?.usage?.leftoverTasks).toBeGreaterThan(10);
    expect(result.test?.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
