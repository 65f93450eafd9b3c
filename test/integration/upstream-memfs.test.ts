/**
 * A real upstream TypeScript library as it comes (issue 18, item 5): memfs 3.4.12 from Debian's
 * source package (test/support/memfs-upstream.ts), with a yarn.lock and no package-lock.json and
 * jest 28 with ts-jest 28 pinned. Through the built CLI and a real SQLite file: the unchanged
 * project is executed (its yarn.lock installed by yarn, its own jest 28 run), counted exactly as
 * its own jest counts when run in its image, and a change that breaks one of its tests is
 * rejected naming it, against the baseline.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { memfsCopy, ownJestCounts } from '../support/memfs-upstream.js';
import { runCli } from '../support/run-cli.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const resultSchema = z.object({
  verdict: z.string(),
  reason: z.string(),
  reasonCode: z.string(),
  image: z.string().nullable(),
  tests: z.object({ total: z.number(), passed: z.number(), failed: z.number(), errors: z.number(), skipped: z.number() }),
  dependencies: z.object({ manager: z.string(), lockFile: z.string().nullable(), packages: z.array(z.object({ name: z.string(), version: z.string().nullable() })) }).nullable(),
  comparison: z.object({ broken: z.array(z.string()) }).nullable(),
});

// The timer helper memfs's watchers use, made to never call back: its own test times out.
const UNREF = 'src/setTimeoutUnref.ts';
const BROKEN_TEST = 'src/__tests__/setTimeoutUnref.test.ts › setTimeoutUnref › Executes callback';

const project = await memfsCopy();

describe.skipIf(project === null)('memfs 3.4.12 from Debian, as upstream ships it (yarn.lock, jest 28, ts-jest 28)', () => {
  const dir = project ?? '';
  let env: Record<string, string>;

  beforeAll(() => {
    // Room for a real suite (235 tests through ts-jest, with coverage) on a shared, loaded machine.
    env = { PATCHPROOF_DB_PATH: join(dir, '..', 'db.sqlite'), PATCHPROOF_TEST_TIMEOUT_S: '900', PATCHPROOF_BUILD_TIMEOUT_S: '900', PATCHPROOF_CPU_TIME_S: '900' };
  });
  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function validate(changes?: readonly { filepath: string; content: string }[]): Promise<z.infer<typeof resultSchema>> {
    const args = ['validate', dir, '--json'];
    if (changes !== undefined) {
      const file = join(dir, '..', 'changes.json');
      await writeFile(file, JSON.stringify(changes));
      args.push('--changes', file);
    }
    const run = await runCli(args, env);
    expect([0, 1], run.stderr).toContain(run.code);
    return resultSchema.parse(JSON.parse(run.stdout));
  }

  it('runs unchanged with its own dependencies and jest, counted as its own jest counts', async () => {
    const result = await validate();
    expect(result.verdict, result.reason).toBe('executed');
    expect(result.dependencies).toMatchObject({ manager: 'yarn 1.22.22', lockFile: 'yarn.lock' });
    expect(result.dependencies?.packages.find((p) => p.name === 'jest')?.version).toMatch(/^28\./);
    expect(result.dependencies?.packages.find((p) => p.name === 'ts-jest')?.version).toMatch(/^28\./);

    const own = await ownJestCounts(result.image ?? '');
    expect(own.counts['failed'] ?? 0, own.line).toBe(0);
    expect(result.tests.total, own.line).toBe(own.counts['total']);
    expect(result.tests.passed, own.line).toBe(own.counts['passed']);
    expect(result.tests.skipped, own.line).toBe((own.counts['skipped'] ?? 0) + (own.counts['todo'] ?? 0));
    expect(result.tests.total).toBeGreaterThan(200);
  }, 1_800_000);

  it('rejects a change that breaks one of its tests, naming it', async () => {
    const source = await readFile(join(dir, UNREF), 'utf8');
    const broken = source.replace('global, arguments)', 'global, [() => undefined, time])');
    expect(broken).not.toBe(source);
    const result = await validate([{ filepath: UNREF, content: broken }]);
    expect(result.verdict).toBe('rejected');
    expect(result.reasonCode).toBe('tests_broken');
    expect(result.comparison?.broken).toContain(BROKEN_TEST);
    expect(result.reason).toContain(BROKEN_TEST);
  }, 1_800_000);
});
