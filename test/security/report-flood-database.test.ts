/**
 * A report flood: a test writes its own JUnit report with a 10 MB test name and 200,000 cases,
 * then ends the run. It once grew the database from 60 KB to 55 MB for one proposal (the name was
 * stored in three tables) and made the CLI use 826 MB. Now every string is capped, at most 10,000
 * cases are kept (failures first), counts stay exact, and the record says what was cut.
 */
import { stat, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportTotals } from '../../parsers/report.js';
import { loadConfig } from '../../src/config.js';
import { openStorage } from '../../src/storage/storage.js';
import { runCli } from '../support/run-cli.js';
import { PEAK_RSS_ENV, peakRssMib } from '../support/peak-rss.js';
import { Attack, MIB, testFile } from './attack-harness.js';

const NAME_CHARS = 10 * 1024 * 1024;
const CASES = 200_000;

const FLOOD = `import os


def test_flood():
    os.makedirs(".patchproof/reports", exist_ok=True)
    with open(".patchproof/reports/junit.xml", "w") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="${CASES}">')
        f.write('<testcase classname="tests.test_flood" name="' + "n" * ${NAME_CHARS} + '" time="0.001"><failure message="boom">assert 1 == 2</failure></testcase>')
        for i in range(1, ${CASES}):
            f.write('<testcase classname="tests.test_flood" name="test_%d" time="0.001"/>' % i)
        f.write("</testsuite></testsuites>")
    os._exit(0)
`;

/** The database and its write-ahead log together: SQLite writes to the log first. */
async function databaseBytes(path: string): Promise<number> {
  const sizes = await Promise.all(['', '-wal', '-shm'].map((suffix) => stat(`${path}${suffix}`).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

const Shown = z.object({
  reason: z.string(),
  validations: z.array(
    z.object({
      reason: z.string(),
      testsTotal: z.number(),
      testsPassed: z.number(),
      testsFailed: z.number(),
      truncated: z.string().nullable(),
      tests: z.array(z.object({ name: z.string(), status: z.string() })),
    }),
  ),
});

describe('a report with a 10 MB test name and 200,000 test cases', () => {
  let attack: Attack;
  let dbPath: string;
  beforeAll(async () => {
    attack = await Attack.prepare();
    dbPath = join(await mkdtemp(join(tmpdir(), 'patchproof-flood-')), 'db.sqlite');
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is judged, stored within a few megabytes with what was cut said, and read back in bounded memory', async () => {
    const result = await attack.run([testFile('test_zz_flood.py', FLOOD)], { workspaceMb: 96 });
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe(`1 of ${CASES} tests failed: ${'n'.repeat(200)}… (although the runner exited 0)`);
    expect(result.report?.cases).toHaveLength(10_000);
    expect(result.report?.cases[0]).toMatchObject({ status: 'failed', name: 'n'.repeat(1_000) });
    expect(reportTotals(result.report)).toEqual({ total: CASES, passed: CASES - 1, failed: 1, errors: 0, skipped: 0 });
    // Ended within its limits: by itself, neither timed out, nor killed, nor over its output cap.
    expect(result.test).toMatchObject({ timedOut: false, outputLimitExceeded: false, exitCode: 0 });
    expect(result.oomKilled).toBe(false);

    const env = { PATCHPROOF_DB_PATH: dbPath };
    const storage = await openStorage(loadConfig(env));
    let proposalId: string;
    let before: number;
    try {
      const project = await storage.projects.forDirectory(attack.project);
      const proposal = await storage.proposals.create({
        projectId: project.id, title: 'flood', author: null, changes: [], patch: null, contentKey: 'flood', priority: 0,
        status: 'running', leaseOwner: result.validationId, leaseExpiresAt: Date.now() + 60_000,
      });
      proposalId = proposal.id;
      before = await databaseBytes(dbPath);
      await storage.proposals.recordValidation(proposal.id, result.validationId, result, { status: result.outcome }, 'flood-test');
    } finally {
      await storage.close();
    }
    const growth = (await databaseBytes(dbPath)) - before;
    expect(growth).toBeLessThan(5 * MIB);

    const shown = await runCli(['proposals', 'show', proposalId, '--json'], { ...env, ...PEAK_RSS_ENV });
    expect(shown.code, shown.stderr).toBe(0);
    expect(peakRssMib(shown.stderr)).toBeLessThan(256);
    const detail = Shown.parse(JSON.parse(shown.stdout));
    const [validation] = detail.validations;
    expect(validation).toMatchObject({ testsTotal: CASES, testsPassed: CASES - 1, testsFailed: 1 });
    expect(validation?.tests).toHaveLength(10_000);
    expect(validation?.tests[0]).toEqual({ name: 'n'.repeat(1_000), status: 'failed' });
    expect(validation?.truncated).toBe(
      'test name cut at 1,000 of 10,485,760 characters; 200,000 test cases reported; 10,000 kept: the 1 failure or error, then the first 9,999 others',
    );
    expect(detail.reason.length).toBeLessThan(2_100);

    const listed = await runCli(['proposals', 'list', '--json'], { ...env, ...PEAK_RSS_ENV });
    expect(listed.code, listed.stderr).toBe(0);
    expect(peakRssMib(listed.stderr)).toBeLessThan(200);

    const record = await readFile(dbPath);
    expect(record.includes(attack.marker.content)).toBe(false);
    expect(shown.stdout).not.toContain(attack.marker.content);
  });
});
