/**
 * A yarn 2+ (berry) project and proposals that change what it declares, through the built CLI, a
 * real SQLite file and the real engine: the project is installed by yarn 4 from its yarn.lock; a
 * proposal adding a dependency to package.json and yarn.lock gets it installed in an image of its
 * own and is compared with the project's baseline; one declaring a package the registry does not
 * have is rejected as build_failed naming it (the registry's own answer, not an infrastructure
 * error), and so is one that changes package.json but leaves yarn.lock behind.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { runCli } from '../support/run-cli.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const NO_SUCH_PACKAGE = 'patchproof-no-such-package-18';

const resultSchema = z.object({
  verdict: z.string(),
  image: z.string().nullable(),
  reason: z.string(),
  reasonCode: z.string(),
  tests: z.object({ total: z.number(), passed: z.number() }),
  dependencies: z
    .object({
      installed: z.array(z.object({ requirement: z.string(), package: z.string(), version: z.string().nullable(), source: z.string() })),
      missing: z.array(z.object({ requirement: z.string(), file: z.string().optional(), tried: z.array(z.string()) })),
      fromChanges: z.boolean().optional(),
    })
    .nullable(),
  comparison: z.object({ baseline: z.object({ validationId: z.string() }), broken: z.array(z.string()), added: z.array(z.string()) }).nullable(),
});
type Result = z.infer<typeof resultSchema>;

describe('a yarn berry project and proposals that change its declared dependencies (CLI, real engine)', () => {
  let work: string;
  let dir: string;
  let env: Record<string, string>;
  let unchanged: Result;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-jsdeps-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_TEST_TIMEOUT_S: '900', PATCHPROOF_CPU_TIME_S: '900' };
    dir = join(work, 'berry');
    await cp(join(FIXTURES, 'projects/js-yarn-berry'), dir, { recursive: true });
  });
  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function validate(changes?: readonly { filepath: string; content: string }[]): Promise<Result> {
    const args = ['validate', dir, '--json'];
    if (changes !== undefined) {
      const file = join(work, `changes-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(file, JSON.stringify(changes));
      args.push('--changes', file);
    }
    const run = await runCli(args, env);
    expect([0, 1], run.stderr).toContain(run.code);
    return resultSchema.parse(JSON.parse(run.stdout));
  }

  it('runs unchanged: installed by yarn 4 from its yarn.lock, recorded', async () => {
    const added = await runCli(['projects', 'add', 'berry', dir], env);
    expect(added.code, added.stderr).toBe(0);
    unchanged = await validate();
    expect(unchanged.verdict, unchanged.reason).toBe('executed');
    expect(unchanged.tests).toMatchObject({ total: 2, passed: 2 });
    expect(unchanged.dependencies?.installed.map((i) => `${i.package} ${i.version} from ${i.source}`)).toEqual(['ms 2.1.3 from yarn 4.9.2 from yarn.lock']);
    expect(unchanged.dependencies?.fromChanges).toBeUndefined();
  }, 1_200_000);

  it('a proposal adding a dependency to package.json and yarn.lock gets it installed in its own image, compared with the project\'s baseline', async () => {
    const added = join(FIXTURES, 'js-yarn-berry-added');
    const result = await validate([
      { filepath: 'package.json', content: await readFile(join(added, 'package.json'), 'utf8') },
      { filepath: 'yarn.lock', content: await readFile(join(added, 'yarn.lock'), 'utf8') },
      { filepath: 'test/escape.test.js', content: "const escape = require('escape-string-regexp');\n\ntest('escapes a dot', () => {\n  expect(escape('a.b')).toBe('a\\\\.b');\n});\n" },
    ]);
    expect(result.verdict, result.reason).toBe('executed');
    expect(result.image).not.toBe(unchanged.image);
    expect(result.dependencies?.installed.map((i) => `${i.package} ${i.version}`)).toEqual(['escape-string-regexp 4.0.0', 'ms 2.1.3']);
    expect(result.dependencies?.fromChanges).toBe(true);
    // The baseline is the unchanged project's (no escape-string-regexp): the new test is added, nothing broken.
    expect(result.comparison?.broken).toEqual([]);
    expect(result.comparison?.added).toEqual(['test/escape.test.js › escapes a dot']);
  }, 1_200_000);

  it('a proposal declaring a package the registry does not have is build_failed, naming it', async () => {
    const pkg = z.object({ dependencies: z.record(z.string(), z.string()) }).loose().parse(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
    const declared = { ...pkg, dependencies: { ...pkg.dependencies, [NO_SUCH_PACKAGE]: '^1.0.0' } };
    const result = await validate([{ filepath: 'package.json', content: `${JSON.stringify(declared, null, 2)}\n` }]);
    expect(result.verdict).toBe('rejected');
    expect(result.reasonCode).toBe('build_failed');
    expect(result.reason).toMatch(new RegExp(`^build failed: declared dependency not found: ${NO_SUCH_PACKAGE}@\\^1\\.0\\.0 \\(package\\.json; tried ${NO_SUCH_PACKAGE}@\\^1\\.0\\.0 from https?://\\S+\\)$`));
    expect(result.dependencies?.missing.map((m) => m.requirement)).toEqual([`${NO_SUCH_PACKAGE}@^1.0.0`]);
    expect(result.tests.total).toBe(0);
  }, 1_200_000);

  it('a proposal adding a dependency to package.json but not to yarn.lock is build_failed for the lock', async () => {
    const result = await validate([{ filepath: 'package.json', content: await readFile(join(FIXTURES, 'js-yarn-berry-added', 'package.json'), 'utf8') }]);
    expect(result.verdict).toBe('rejected');
    expect(result.reasonCode).toBe('build_failed');
    expect(result.reason).toBe('build failed: yarn.lock does not match package.json: yarn 4.9.2 refuses to install from it as it is, and installs once free to update it (a change to package.json must update yarn.lock too)');
    expect(result.dependencies?.missing).toEqual([]);
  }, 1_200_000);

  it('projects show lists the project\'s own dependencies, never those a proposal\'s manifests declared', async () => {
    const shown = await runCli(['projects', 'show', 'berry', '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    const project = z.object({ dependencies: z.object({ record: z.object({ installed: z.array(z.object({ package: z.string() })), missing: z.array(z.unknown()) }) }).nullable() }).parse(JSON.parse(shown.stdout));
    expect(project.dependencies?.record.installed.map((i) => i.package)).toEqual(['ms']);
    expect(project.dependencies?.record.missing).toEqual([]);
  });
});
