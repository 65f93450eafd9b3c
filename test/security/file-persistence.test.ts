/**
 * A proposal that leaves files wherever it can write (/tmp, /dev/shm, the workspace, and tries
 * /var/tmp and /run/lock) for the next validation to find: it finds nothing. Each validation gets
 * a fresh container with fresh tmpfs mounts and a fresh workspace volume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const PLACES = ['/tmp/left-behind', '/dev/shm/left-behind', '/workspace/left-behind', '/var/tmp/left-behind', '/run/lock/left-behind'];

const LEAVE = `def test_leave():
    written = 0
    for path in ${JSON.stringify(PLACES)}:
        try:
            with open(path, "w") as f:
                f.write("from the last run")
            written += 1
        except OSError:
            pass
    assert written >= 2
`;

const LOOK = `import os


def test_look():
    assert [p for p in ${JSON.stringify(PLACES)} if os.path.exists(p)] == []
`;

describe('files left for the next validation', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('are gone when the next validation runs', async () => {
    const first = await attack.run([testFile('test_leave.py', LEAVE)]);
    expect(first.outcome, `${first.reason}\n${first.test?.stdout ?? ''}`).toBe('executed');
    const second = await attack.run([testFile('test_look.py', LOOK)]);
    expect(second.outcome, `${second.reason}\n${second.test?.stdout ?? ''}`).toBe('executed');
    expect(second.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_look:passed');
  });
});
