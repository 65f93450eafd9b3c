/**
 * A test that touches far more memory than the sandbox has: the kernel's OOM killer ends it inside
 * the exec, where the engine's OOMKilled flag stays false, so the memory cgroup's own counter is
 * what tells (docs/sandbox.md P4). No swap beyond the limit: it cannot page its way out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const BOMB = `def test_memory_bomb():
    # 1 GiB of real pages (a multiplication writes every byte) in a 256 MiB sandbox.
    hog = b"x" * (1 << 30)
    assert len(hog) > 0
`;

describe('a memory bomb', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is rejected as oom, read from the cgroup counter', async () => {
    const result = await attack.run([testFile('test_hog.py', BOMB)], { memoryMb: 256 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('oom');
    expect(result.reason).toBe('killed: out of memory (limit 256 MiB)');
    expect(result.oomKilled).toBe(true);
    expect(result.test?.usage?.oomKills).toBeGreaterThan(0);
    expect(result.test?.exitCode).toBe(137);
    expect(result.stats.peakMemoryBytes).toBeLessThanOrEqual(256 * 1024 * 1024);
  });
});
