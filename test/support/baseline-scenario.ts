/**
 * The relative-verdict scenario every toolchain's baseline test runs through the built CLI, a real
 * SQLite file and the real engine: a copy of a fixture project made red by one always-failing
 * test, and `validate DIR --changes FILE --json` against it (the first validation makes the
 * baseline, the others reuse it).
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { runCli } from './run-cli.js';
import { docker } from './run-validation.js';
import { leftovers } from './sandbox-leftovers.js';

const comparisonSchema = z.object({
  baseline: z.object({ validationId: z.string(), reused: z.boolean() }),
  fixed: z.array(z.string()),
  broken: z.array(z.string()),
  stillFailing: z.array(z.string()),
  flaky: z.array(z.string()),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  modifiedTestFiles: z.array(z.string()),
});
const editList = z.object({ count: z.number(), paths: z.array(z.string()) });
const editKinds = z.object({ added: editList, modified: editList, deleted: editList });
const changedLinesSchema = z.object({
  total: z.number(),
  covered: z.number(),
  pct: z.number().nullable(),
  uncovered: z.array(z.object({ file: z.string(), lines: z.string() })),
});
const resultSchema = z.object({
  verdict: z.string(),
  reason: z.string(),
  reasonCode: z.string(),
  proposalId: z.string(),
  image: z.string().nullable(),
  comparison: comparisonSchema.nullable(),
  testEdits: z.object({ tests: editKinds, support: editKinds }).nullable(),
  changedLines: changedLinesSchema.nullable(),
});
export type CliResult = z.infer<typeof resultSchema>;

/** A change as `--changes` takes it: a file's new content, or its deletion. */
export type CliChange = { readonly filepath: string; readonly content: string } | { readonly filepath: string; readonly delete: true };

export interface RedProject {
  readonly project: string;
  /** A file of the fixture as it is. */
  source(path: string): Promise<string>;
  /** Runs `validate` with these changes and flags; the exit code beside the parsed --json output. */
  validate(name: string, changes: readonly CliChange[], ...flags: string[]): Promise<{ code: number | null; result: CliResult }>;
  expectNothingLeft(): Promise<void>;
}

/** A copy of the fixture with `red` written into it (the always-failing test), and a fresh database. */
export async function redProject(fixture: string, red: CliChange & { content: string }): Promise<RedProject> {
  const work = await mkdtemp(join(tmpdir(), 'patchproof-baseline-'));
  const env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
  const project = join(work, 'project');
  await cp(fixture, project, { recursive: true });
  await writeFile(join(project, red.filepath), red.content);
  return {
    project,
    source: (path) => readFile(join(fixture, path), 'utf8'),
    async validate(name, changes, ...flags) {
      const file = join(work, `${name}.json`);
      await writeFile(file, JSON.stringify(changes));
      const run = await runCli(['validate', project, '--changes', file, '--json', ...flags], env);
      expect(run.stdout, run.stderr).not.toBe('');
      return { code: run.code, result: resultSchema.parse(JSON.parse(run.stdout)) };
    },
    async expectNothingLeft() {
      expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
    },
  };
}
