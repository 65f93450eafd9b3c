/**
 * A passing test that writes 80 MiB into the report folder, more than the 64 MiB that may be read
 * from it. It used to hang the validation for good: the download stopped at the limit but the
 * engine's archive stream was never closed, the engine kept the container locked, and kill and
 * remove waited forever. Now the folder is measured inside the sandbox and never downloaded, and
 * the proposal is rejected for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const FLOOD = `import os


def test_flood_reports():
    os.makedirs(".patchproof/reports/flood", exist_ok=True)
    block = b"r" * (1024 * 1024)
    for i in range(80):
        with open(f".patchproof/reports/flood/{i}.bin", "wb") as f:
            f.write(block)
`;

describe('a report folder flooded with bytes', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is measured in the sandbox, never downloaded, and rejected as reports_too_large', async () => {
    // Room for the flood, so that it is the report limit that is hit, not the disk or memory.
    const result = await attack.run([testFile('test_flood_reports.py', FLOOD)], { workspaceMb: 192, memoryMb: 512 });
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('reports_too_large');
    // The measured amount, not "more than": the in-sandbox count decided, not the download's bound.
    expect(result.reason).toMatch(/^the tests wrote 80(\.\d)? MiB into the report folder, more than the 64 MiB limit$/);
    // The tests themselves passed and ended on their own, within their limits.
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.timedOut).toBe(false);
    expect(result.test?.usage?.fullMounts).toEqual([]);
    expect(result.report).toBeNull();
    expect(result.releaseFailures).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(attack.marker.content);
  });
});
