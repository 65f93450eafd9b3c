/**
 * The TypeScript library of issue 18 as upstream ships it: js-sdsl 4.1.4 from Debian's source
 * package (node-js-sdsl; upstream's tarball, none of Debian's patches), with a jest.config.ts for
 * ts-jest, a yarn.lock and no package-lock.json, and a rollup.config.ts only its UMD build
 * compiles. Through the built CLI and a real SQLite file: the unchanged project runs, counted
 * exactly as its own jest counts (its closing summary, read from the run's recorded log); the
 * build step type-checks the tests and what they import, never rollup.config.ts; and a change
 * that breaks Stack.top is rejected naming the tests it broke, while the type error it also puts
 * in rollup.config.ts does not fail the build. Its yarn.lock names registry.npmmirror.com for 35
 * of its 629 tarballs, a mirror the image build does not reach: they come from the registry
 * (templates/jest/rehost-yarn-lock.cjs), verified against the lock's integrity.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { ValidationEntity } from '../../src/storage/entities/validation-entity.js';
import { openStorage } from '../../src/storage/storage.js';
import { type DebianUpstream, upstreamCopy } from '../support/debian-upstream.js';
import { runCli } from '../support/run-cli.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const JS_SDSL: DebianUpstream = {
  pkg: 'node-js-sdsl',
  version: '4.1.4-2+deb12u1',
  // node-js-sdsl_4.1.4.orig.tar.gz, which unpacks to js-sdsl-4.1.4/
  sha256: 'c343fd4e4ef445a511ae6d1a7abe5abc527bd98519880e6b0c69c636d3e1ba13',
};

const counts = z.object({ total: z.number(), passed: z.number(), failed: z.number(), errors: z.number(), skipped: z.number() });
const baselineSchema = z.object({ validationId: z.string(), made: z.boolean(), outcome: z.string(), reasonCode: z.string().nullable(), reason: z.string().nullable(), tests: counts });
const resultSchema = z.object({
  verdict: z.string(),
  reason: z.string(),
  reasonCode: z.string(),
  validationId: z.string(),
  tests: counts,
  failures: z.array(z.object({ id: z.string() })),
  dependencies: z.object({ installed: z.array(z.object({ package: z.string(), version: z.string().nullable(), source: z.string() })) }).nullable(),
  comparison: z.object({ broken: z.array(z.string()), stillFailing: z.array(z.string()) }).nullable(),
});

const STACK = 'src/container/OtherContainer/Stack.ts';
const ROLLUP = 'rollup.config.ts';

/** jest's closing summary as it printed it: "Tests: 1 failed, 233 passed, 234 total" and the line above. */
function jestSaid(log: string): { suites: string; counts: Record<string, number> } {
  const lines = log.split('\n').map((l) => l.trim());
  const tests = lines.filter((l) => /^Tests:\s+(\d+ \w+, )*\d+ total$/.test(l));
  expect(tests, 'jest printed one closing summary').toHaveLength(1);
  const found: Record<string, number> = {};
  for (const [, n, word] of (tests[0] ?? '').matchAll(/(\d+) (\w+)/g)) found[word ?? ''] = Number(n);
  return { suites: lines.find((l) => l.startsWith('Test Suites:')) ?? '', counts: found };
}

const project = await upstreamCopy(JS_SDSL, 'js-sdsl');

describe.skipIf(project === null)('js-sdsl 4.1.4 from Debian, as upstream ships it (jest.config.ts, ts-jest, yarn.lock, rollup.config.ts)', () => {
  const dir = project ?? '';
  let env: Record<string, string>;

  beforeAll(() => {
    env = { PATCHPROOF_DB_PATH: join(dir, '..', 'db.sqlite'), PATCHPROOF_TEST_TIMEOUT_S: '900', PATCHPROOF_BUILD_TIMEOUT_S: '900', PATCHPROOF_CPU_TIME_S: '900' };
  });
  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  /** The run's console as recorded (build and test output; the views leave it out). */
  async function recordedLog(validationId: string): Promise<string> {
    const storage = await openStorage(loadConfig(env));
    try {
      return (await storage.db.getRepository(ValidationEntity).findOneByOrFail({ id: validationId })).log;
    } finally {
      await storage.close();
    }
  }

  it('runs unchanged, counted as its own jest counts, type-checking its tests and not its rollup.config.ts', async () => {
    const run = await runCli(['baseline', dir, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const made = baselineSchema.parse(JSON.parse(run.stdout));
    const log = await recordedLog(made.validationId);
    expect(made.outcome, `${made.reason ?? ''}\n${log.slice(-3000)}`).toBe('executed');
    const said = jestSaid(log);
    expect(said.suites).toMatch(/^Test Suites:\s+(\d+) passed, \1 total$/);
    expect(made.tests.total).toBe(said.counts['total']);
    expect(made.tests.passed).toBe(said.counts['passed']);
    expect(made.tests.failed).toBe(said.counts['failed'] ?? 0);
    expect(made.tests.skipped).toBe((said.counts['skipped'] ?? 0) + (said.counts['todo'] ?? 0));
    expect(made.tests.total).toBeGreaterThan(50);
    // The build step checked the test files (and what they import), not the whole tsconfig.
    expect(log).toMatch(/type-checking the 13 TypeScript test file\(s\) and what they import/);
    expect(log).not.toContain(ROLLUP);
  }, 1_800_000);

  it('a change breaking Stack.top is rejected naming the broken tests; a type error in rollup.config.ts fails no build', async () => {
    const stack = await readFile(join(dir, STACK), 'utf8');
    const rollup = await readFile(join(dir, ROLLUP), 'utf8');
    const changes = [
      // The top of the stack read from the bottom.
      { filepath: STACK, content: stack.replace('return this.stack[this.length - 1]', 'return this.stack[0]') },
      // A type error in the build-only file: a number where rollup takes a file name.
      { filepath: ROLLUP, content: rollup.replace("input: 'src/index.ts',", 'input: 42,') },
    ];
    expect(changes.map((c) => c.content)).not.toEqual([stack, rollup]);
    const file = join(dir, '..', 'break.json');
    await writeFile(file, JSON.stringify(changes));
    const run = await runCli(['validate', dir, '--json', '--changes', file], env);
    expect(run.code, run.stderr).toBe(1);
    const result = resultSchema.parse(JSON.parse(run.stdout));
    // Its lock pins 35 tarballs on a mirror the build does not reach: fetched from the registry, same integrity.
    expect(new Set(result.dependencies?.installed.map((i) => i.source))).toEqual(
      new Set(['yarn 1.22.22 from yarn.lock (35 resolved URL(s) of registry.npmmirror.com fetched from the registry instead, same integrity)']),
    );
    expect(result.dependencies?.installed.find((p) => p.package === 'jest')?.version).toMatch(/^28\./);
    expect(result.dependencies?.installed.find((p) => p.package === 'ts-jest')?.version).toMatch(/^28\./);
    expect(result.reasonCode, result.reason).toBe('tests_broken');
    const said = jestSaid(await recordedLog(result.validationId));
    const broken = result.comparison?.broken ?? [];
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.length).toBe(said.counts['failed']);
    expect(broken.every((id) => id.includes('Stack'))).toBe(true);
    expect(result.failures.map((f) => f.id).sort()).toEqual([...broken].sort());
    for (const id of broken) expect(result.reason).toContain(id);
  }, 1_800_000);
});
