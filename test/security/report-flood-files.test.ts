/**
 * A passing test that writes 1,500 small files into the report folder, more entries than may be
 * read from it (1,000). This took the same path as the byte flood (a download stopped half-way,
 * its stream left open, the container locked); now the folder is counted inside the sandbox and
 * the proposal is rejected before anything of it is downloaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const FLOOD = `import os


def test_flood_report_files():
    os.makedirs(".patchproof/reports/many", exist_ok=True)
    for i in range(1500):
        with open(f".patchproof/reports/many/{i}.xml", "w") as f:
            f.write("<x/>")
`;

describe('a report folder flooded with files', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is counted in the sandbox, never downloaded, and rejected as reports_too_large', async () => {
    const result = await attack.run([testFile('test_flood_report_files.py', FLOOD)]);
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('reports_too_large');
    const count = /^the tests wrote (\d+) files and folders into the report folder, more than the limit of 1000$/.exec(result.reason);
    expect(count, result.reason).not.toBeNull();
    // 1,500 files and their folder, plus whatever pytest wrote beside them.
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(1501);
    expect(Number(count?.[1])).toBeLessThan(1510);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.timedOut).toBe(false);
    expect(result.report).toBeNull();
    expect(result.releaseFailures).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(attack.marker.content);
  });
});
