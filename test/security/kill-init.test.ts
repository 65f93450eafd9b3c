/**
 * A test that tries to take the sandbox down from inside: kill PID 1 (the init) and then every
 * process it may signal. PID 1 and the container's main process belong to another user, so both
 * are out of reach; the container lives on, its workspace with it, and the reports are read. The
 * wrapper the test command runs through (sandbox/run-wrapper.ts) is the sandbox user's: it is
 * killed, so the run's exit is the engine's SIGKILL and, all tests passing, the verdict says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const KILLER = `import os, signal
import pytest


def test_kill_init():
    with pytest.raises(PermissionError):
        os.kill(1, signal.SIGKILL)
    # Every process this user may signal, but the caller itself: the main process is not one.
    os.kill(-1, signal.SIGKILL)
    with open("/proc/1/status") as f:
        assert "\\nUid:\\t1001\\t" in f.read()
`;

describe('killing PID 1 from the tests', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is refused, and the sandbox keeps working to the end of the run', async () => {
    const result = await attack.run([testFile('test_killer.py', KILLER)]);
    expect(result.outcome, `${result.reason}\n${result.test?.stdout ?? ''}`).toBe('rejected');
    expect(result.code).toBe('exit_code_mismatch');
    expect(result.reason).toBe('every test in the report passed, but the test run exited with code 137 (SIGKILL)');
    expect(result.report?.cases.filter((c) => c.status === 'passed')).toHaveLength(4);
    // The reports were read from the workspace: the container was not stopped under the run.
    expect(result.test?.usage?.leftoverStop).not.toBe('container-killed');
  });
});
