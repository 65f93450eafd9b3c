/**
 * A real upstream project whose suite is red before any change: ntplib 0.3.3 from Debian's source
 * package (test/fixtures/projects/ntplib/README.md), two of whose three tests need the network the
 * sandbox does not have. Through the built CLI and a real SQLite file, the broken and still-failing
 * tests of a change must be exactly what pytest itself printed for the two runs: its closing
 * summary line and its FAILED/ERROR lines (-rfE), read from each run's recorded log.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { ValidationEntity } from '../../src/storage/entities/validation-entity.js';
import { openStorage } from '../../src/storage/storage.js';
import { runCli } from '../support/run-cli.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const FIXTURE = join(PACKAGE_ROOT, 'test', 'fixtures', 'projects', 'ntplib');
const NETWORK_TESTS = ['test_ntplib.py::TestNTPLib::test_helpers', 'test_ntplib.py::TestNTPLib::test_request'];

const baselineSchema = z.object({ validationId: z.string(), made: z.boolean(), outcome: z.string(), failing: z.array(z.string()), tests: z.object({ total: z.number(), passed: z.number(), failed: z.number() }) });
const comparisonSchema = z.object({
  baseline: z.object({ validationId: z.string(), reused: z.boolean() }),
  fixed: z.array(z.string()),
  broken: z.array(z.string()),
  stillFailing: z.array(z.string()),
  flaky: z.array(z.string()),
  removed: z.array(z.string()),
});
const resultSchema = z.object({ verdict: z.string(), reason: z.string(), reasonCode: z.string(), proposalId: z.string(), validationId: z.string(), comparison: comparisonSchema.nullable() });

/** What pytest itself said: the counts of its closing line and the node ids of its FAILED/ERROR lines. */
interface PytestSaid {
  readonly counts: Record<string, number>;
  readonly bad: string[];
}

/** Read independently of the pytest witness the pipeline uses, so the two are checked against each other. */
function pytestSaid(log: string): PytestSaid {
  const closing = [...log.matchAll(/^=+ (.+) in [\d.]+s(?: \([^)]*\))? =+$/gm)];
  expect(closing, 'pytest printed one closing summary line').toHaveLength(1);
  const counts: Record<string, number> = {};
  for (const [, n, word] of (closing[0]?.[1] ?? '').matchAll(/(\d+) (\w+)/g)) counts[word ?? ''] = Number(n);
  const bad = [...log.matchAll(/^(?:FAILED|ERROR) (\S+)/gm)].map((m) => m[1] ?? '').sort();
  return { counts, bad };
}

describe('a real upstream project red before any change (ntplib from Debian, pytest)', () => {
  let env: Record<string, string>;
  let project: string;
  let work: string;
  let source: string;
  let baseline: PytestSaid;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-upstream-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    project = join(work, 'ntplib');
    await cp(FIXTURE, project, { recursive: true });
    source = await readFile(join(project, 'ntplib.py'), 'utf8');
  });

  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  /** The run's console as recorded (the views leave the log out: it is read from the database). */
  async function recordedLog(validationId: string, kind?: string): Promise<string> {
    const storage = await openStorage(loadConfig(env));
    try {
      const row = await storage.db.getRepository(ValidationEntity).findOneByOrFail({ id: validationId });
      if (kind !== undefined) expect(row.kind).toBe(kind);
      return row.log;
    } finally {
      await storage.close();
    }
  }

  async function validate(name: string, content: string) {
    const file = join(work, `${name}.json`);
    await writeFile(file, JSON.stringify([{ filepath: 'ntplib.py', content }]));
    const run = await runCli(['validate', project, '--changes', file, '--json'], env);
    const result = resultSchema.parse(JSON.parse(run.stdout));
    return { code: run.code, result, said: pytestSaid(await recordedLog(result.validationId)) };
  }

  it('the baseline fails exactly the tests pytest printed as failed', async () => {
    const run = await runCli(['baseline', project, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const made = baselineSchema.parse(JSON.parse(run.stdout));
    expect(made).toMatchObject({ made: true, outcome: 'rejected', tests: { total: 3, passed: 1, failed: 2 } });
    baseline = pytestSaid(await recordedLog(made.validationId, 'baseline'));
    expect(baseline.counts).toEqual({ failed: 2, passed: 1 });
    expect(baseline.bad).toEqual(NETWORK_TESTS);
    expect([...made.failing].sort()).toEqual(baseline.bad);
  });

  it('a change that fixes nothing: no test broken, the two still failing, as pytest printed', async () => {
    const { code, result, said } = await validate('noop', source.replace('"""Python NTP library.', '"""Python NTP library (unchanged behaviour).'));
    expect(code).toBe(0);
    expect(result.verdict).toBe('executed');
    expect(said.counts).toEqual(baseline.counts);
    const comparison = comparisonSchema.parse(result.comparison);
    expect(comparison.broken).toEqual(said.bad.filter((id) => !baseline.bad.includes(id)));
    expect(comparison.broken).toEqual([]);
    expect([...comparison.stillFailing].sort()).toEqual(said.bad.filter((id) => baseline.bad.includes(id)));
    expect(comparison.stillFailing.length + comparison.broken.length).toBe(said.counts['failed'] ?? 0);
    expect(comparison).toMatchObject({ fixed: [], flaky: [], removed: [], baseline: { reused: true } });
    expect(result.reason).toMatch(/^1 of 3 passed; 2 failed before and still fail: /);
  });

  it('a change that breaks the passing test: broken 1 and still failing 2, as pytest printed', async () => {
    const { code, result, said } = await validate('break', source.replace('class NTPException(Exception):', 'class NTPException(object):'));
    expect(code).toBe(1);
    expect(result.reasonCode).toBe('tests_broken');
    expect(said.counts).toEqual({ failed: 3 });
    const comparison = comparisonSchema.parse(result.comparison);
    expect(comparison.broken).toEqual(said.bad.filter((id) => !baseline.bad.includes(id)));
    expect(comparison.broken).toEqual(['test_ntplib.py::TestNTPLib::test_basic']);
    expect([...comparison.stillFailing].sort()).toEqual(said.bad.filter((id) => baseline.bad.includes(id)));
    expect(comparison.stillFailing.length + comparison.broken.length).toBe(said.counts['failed'] ?? 0);
    expect(result.reason).toBe('broke 1 test that passed before: test_ntplib.py::TestNTPLib::test_basic (2 tests failed before and still fail)');
  });
});
