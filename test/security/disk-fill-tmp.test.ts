/**
 * A child process that writes until /tmp is full. /tmp is a size-capped tmpfs of its own (the
 * root file system is read-only): ENOSPC inside, nothing on the host, and `disk_full` naming /tmp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, MIB, testFile } from './attack-harness.js';

const FILL = `import subprocess


def test_fill_tmp():
    done = subprocess.run(["dd", "if=/dev/zero", "of=/tmp/fill.bin", "bs=1M"], capture_output=True)
    assert b"No space left on device" in done.stderr
`;

describe('filling /tmp', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is rejected as disk_full, naming /tmp and its size', async () => {
    const result = await attack.run([testFile('test_fill_tmp.py', FILL)], { tmpMb: 16 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('disk_full');
    expect(result.reason).toBe('ran out of disk space: /tmp (16 MiB) filled up');
    expect(result.test?.usage?.fullMounts).toEqual([{ path: '/tmp', sizeBytes: 16 * MIB }]);
  });
});
