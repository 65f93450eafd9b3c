/**
 * JavaScript projects as they come (issue 18, item 5), through the built CLI, a real SQLite file
 * and the real engine: a yarn.lock project with a jest.config.ts and a rollup.config.ts its tests
 * never compile (executed unchanged, its yarn install recorded; a type error a change brings into
 * a tested file rejected as build_failed naming it), the same project with a type error it
 * already has (never held against a change; a new one still is), and a project without a lock
 * file pinning jest 28 (resolved at build, recorded, and run by its own jest 28), and a
 * pnpm-lock.yaml project (installed by pnpm).
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

const FIXTURES = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

// The record every toolchain's image keeps (src/images/dependency-record.ts).
const dependencies = z.object({
  toolchain: z.string(),
  installed: z.array(z.object({ requirement: z.string(), package: z.string(), version: z.string().nullable(), source: z.string() })),
  missing: z.array(z.unknown()),
});
const resultSchema = z.object({
  verdict: z.string(),
  image: z.string().nullable(),
  reason: z.string(),
  reasonCode: z.string(),
  tests: z.object({ total: z.number(), passed: z.number(), failed: z.number(), errors: z.number() }),
  dependencies: dependencies.nullable(),
  buildErrors: z.object({ total: z.number(), lines: z.array(z.string()) }).nullable(),
});
type Result = z.infer<typeof resultSchema>;

/** Where the declared packages came from: one source per lock, as the image recorded it. */
function sources(result: Result): string[] {
  return [...new Set(result.dependencies?.installed.map((i) => i.source) ?? [])];
}

function versionOf(result: Result, name: string): string | null | undefined {
  return result.dependencies?.installed.find((p) => p.package === name)?.version;
}

describe('JavaScript projects as they come (CLI, real engine)', () => {
  let work: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-jsproj-'));
    // tsc and ts-jest on a shared 2-core machine: room beyond the defaults, so load is never a verdict.
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_TEST_TIMEOUT_S: '900', PATCHPROOF_BUILD_TIMEOUT_S: '900', PATCHPROOF_CPU_TIME_S: '900' };
  });
  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function copy(fixture: string, name: string): Promise<string> {
    const dir = join(work, name);
    await cp(join(FIXTURES, fixture), dir, { recursive: true });
    return dir;
  }

  async function validate(dir: string, changes?: readonly { filepath: string; content: string }[]): Promise<Result> {
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

  describe('a yarn.lock project with jest.config.ts and a stray rollup.config.ts', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await copy('js-yarn-ts', 'yarn-ts');
    });

    it('runs unchanged: dependencies from yarn.lock by yarn, recorded, and the stray file not type-checked', async () => {
      const added = await runCli(['projects', 'add', 'yarn-ts', dir], env);
      expect(added.code, added.stderr).toBe(0);
      const result = await validate(dir);
      expect(result.verdict, result.reason).toBe('executed');
      expect(result.tests).toMatchObject({ total: 4, passed: 4 });
      expect(sources(result)).toEqual(['yarn 1.22.22 from yarn.lock']);
      expect(versionOf(result, 'ms')).toBe('2.1.3');
      expect(versionOf(result, '@types/ms')).toBe('0.7.34');
      expect(result.buildErrors).toBeNull();

      const shown = await runCli(['projects', 'show', 'yarn-ts', '--json'], env);
      expect(shown.code, shown.stderr).toBe(0);
      const project = z.object({ dependencies: z.object({ record: dependencies }).nullable() }).parse(JSON.parse(shown.stdout));
      expect(project.dependencies?.record).toEqual(result.dependencies);
      const text = await runCli(['projects', 'show', 'yarn-ts'], env);
      expect(text.stdout).toContain('<- ms 2.1.3 from yarn 1.22.22 from yarn.lock');
    }, 1_200_000);

    it('rejects a change that brings a type error into a tested file, naming it (build_failed)', async () => {
      const source = await readFile(join(dir, 'src/index.ts'), 'utf8');
      const result = await validate(dir, [{ filepath: 'src/index.ts', content: `${source}\nexport const LIMIT: number = 'ten';\n` }]);
      expect(result.verdict).toBe('rejected');
      expect(result.reasonCode).toBe('build_failed');
      expect(result.reason).toMatch(/^build failed: 1 new error the unchanged project does not have: src\/index\.ts\(\d+,\d+\): error TS2322: /);
      expect(result.reason).not.toContain('rollup');
    }, 1_200_000);
  });

  describe('a source-only change of the project itself', () => {
    it('makes a new image whose dependency layers are the old ones: nothing is installed again', async () => {
      const dir = await copy('js-yarn-ts', 'yarn-ts-layers');
      const before = await validate(dir);
      await writeFile(join(dir, 'src/index.ts'), `// Edited on disk: a new project state, the same manifest and lock.\n${await readFile(join(dir, 'src/index.ts'), 'utf8')}`);
      const after = await validate(dir);
      expect([before.verdict, after.verdict]).toEqual(['executed', 'executed']);
      expect(after.image).not.toBe(before.image);
      const layers = async (tag: string | null) => z.object({ RootFS: z.object({ Layers: z.array(z.string()) }) }).parse(await docker.getImage(tag ?? '').inspect()).RootFS.Layers;
      const [old, now] = [await layers(before.image), await layers(after.image)];
      // Only the last three differ: the project's copy, the node_modules link made on it, the
      // workspace folder. The dependencies (and their record) before them are the same layers.
      expect(now.length).toBe(old.length);
      expect(now.slice(0, -3)).toEqual(old.slice(0, -3));
      expect(now.at(-3)).not.toBe(old.at(-3));
    }, 1_200_000);
  });

  describe('a project with a type error it already has, in a file its tests import', () => {
    let dir: string;
    let source: string;
    beforeAll(async () => {
      dir = await copy('js-yarn-ts', 'known-error');
      source = `${await readFile(join(dir, 'src/index.ts'), 'utf8')}\n// An old mistake, upstream's to fix.\nexport const VERSION: string = 1;\n`;
      await writeFile(join(dir, 'src/index.ts'), source);
    });

    it('never holds that error against a change, and still rejects one that adds another', async () => {
      const harmless = await validate(dir, [{ filepath: 'src/index.ts', content: `// Durations as labels.\n${source}` }]);
      expect(harmless.verdict, harmless.reason).toBe('executed');
      expect(harmless.reason).toContain("(1 build error the unchanged project already has, not counted)");
      expect(harmless.tests).toMatchObject({ total: 4, passed: 4 });
      expect(harmless.buildErrors?.lines).toEqual([expect.stringMatching(/^src\/index\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'\.$/)]);

      const worse = await validate(dir, [{ filepath: 'src/index.ts', content: `${source}export const NAME: number = 'label';\n` }]);
      expect(worse.verdict).toBe('rejected');
      expect(worse.reasonCode).toBe('build_failed');
      expect(worse.reason).toMatch(/^build failed: 1 new error the unchanged project does not have: src\/index\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\. \(1 the unchanged project already has is not counted\)$/);
    }, 1_200_000);
  });

  describe('a pnpm-lock.yaml project', () => {
    it('is installed by pnpm from its lock, hoisted, and recorded', async () => {
      const dir = await copy('js-pnpm', 'pnpm');
      const result = await validate(dir);
      expect(result.verdict, result.reason).toBe('executed');
      expect(result.tests).toMatchObject({ total: 2, passed: 2 });
      expect(sources(result)).toEqual(['pnpm 9.15.9 from pnpm-lock.yaml']);
      expect(result.dependencies?.installed).toHaveLength(1);
      expect(versionOf(result, 'ms')).toBe('2.1.3');
    }, 1_200_000);
  });

  describe('a project without a lock file that pins jest 28', () => {
    it('is resolved at build, recorded, and run by its own jest 28', async () => {
      const dir = await copy('js-nolock-jest28', 'jest28');
      const result = await validate(dir);
      expect(result.verdict, result.reason).toBe('executed');
      expect(result.tests).toMatchObject({ total: 4, passed: 4 });
      expect(sources(result)).toHaveLength(1);
      expect(sources(result)[0]).toMatch(/^npm \d+\.\S+ \(no lock file: versions resolved at image build\)$/);
      expect(versionOf(result, 'jest')).toBe('28.1.3');
      expect(versionOf(result, 'ts-jest')).toBe('28.0.8');
      expect(versionOf(result, 'typescript')).toBe('4.9.5');
    }, 1_200_000);
  });
});
