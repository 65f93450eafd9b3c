/**
 * A test that writes until the workspace is full. The workspace is a size-capped tmpfs: the write
 * fails with ENOSPC inside and nothing grows on the host; the full mount is seen when the run ends
 * (statfs from inside) and named in the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, MIB, testFile } from './attack-harness.js';

const FILL = `import errno


def test_fill_the_workspace():
    chunk = b"\\0" * (1 << 20)
    try:
        with open("fill.bin", "wb") as f:
            while True:
                f.write(chunk)
    except OSError as e:
        assert e.errno == errno.ENOSPC
`;

describe('filling the workspace', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is rejected as disk_full, naming the workspace and its size', async () => {
    const result = await attack.run([testFile('test_fill.py', FILL)], { workspaceMb: 32 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('disk_full');
    expect(result.reason).toBe('ran out of disk space: /workspace (32 MiB) filled up');
    expect(result.test?.usage?.fullMounts).toEqual([{ path: '/workspace', sizeBytes: 32 * MIB }]);
  });
});
