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
  unmeasured: z.array(z.string()),
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
const baselineSchema = z.object({ validationId: z.string(), made: z.boolean(), usable: z.boolean(), outcome: z.string(), runs: z.number(), failing: z.array(z.string()), tests: z.object({ total: z.number(), failed: z.number() }) });

/** A change as `--changes` takes it: a file's new content, or its deletion. */
export type CliChange = { readonly filepath: string; readonly content: string } | { readonly filepath: string; readonly delete: true };

export interface RedProject {
  readonly project: string;
  /** A file of the fixture as it is. */
  source(path: string): Promise<string>;
  /** Runs `patchproof baseline DIR --json`. */
  baseline(): Promise<{ code: number | null; result: z.infer<typeof baselineSchema> }>;
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
    async baseline() {
      const run = await runCli(['baseline', project, '--json'], env);
      return { code: run.code, result: baselineSchema.parse(JSON.parse(run.stdout)) };
    },
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

/** What one toolchain's scenario changes, and the exact identities and lines it expects. */
export interface BaselineScenario {
  readonly fixture: string;
  /** The always-failing test that makes the baseline red, and its identity. */
  readonly red: CliChange & { content: string };
  readonly redId: string;
  /** How many tests the red project runs (the red one among them). */
  readonly total: number;
  /** A change to the code that breaks exactly `brokenIds`. */
  readonly breaking: (source: (path: string) => Promise<string>) => Promise<CliChange[]>;
  readonly brokenIds: readonly string[];
  /** A change to the code that makes the red test pass. */
  readonly fixing: (source: (path: string) => Promise<string>) => Promise<CliChange[]>;
  /** An existing test file, and the identities of the tests in it. */
  readonly testFile: string;
  readonly testFileIds: readonly string[];
  /** A new test inserted into that file before `before`, above its existing tests, and its identity. */
  readonly newTest: { readonly before: string; readonly text: string; readonly id: string };
  /** What to replace in that file to weaken its tests (the edit --protect-tests refuses). */
  readonly testEdit: readonly [string, string];
  /** A change to the code adding an untested function, and the coverage verdict's expectations. */
  readonly untested: (source: (path: string) => Promise<string>) => Promise<CliChange[]>;
  readonly untestedLines: { readonly file: string; readonly lines: string; readonly total: number; readonly covered: number };
  /**
   * A new code file no test loads: the lines the report gives it (all uncovered), or 'unmeasured'
   * where the runner's coverage lists only the files the tests loaded.
   */
  readonly newFile: { readonly path: string; readonly content: string; readonly coverage: { readonly lines: string; readonly total: number } | 'unmeasured' };
}

/** The six cases of issue 11's "Done when" (flaky reruns aside: flaky-*.test.ts), against one shared baseline. */
export function baselineCases(scenario: BaselineScenario, it: (name: string, body: () => Promise<void>) => void, red: () => RedProject): void {
  const { redId, total } = scenario;
  const still = `(1 test failed before and still fails)`;

  let baselineId = '';

  it('patchproof baseline makes the red baseline, failing exactly the red test', async () => {
    const { code, result } = await red().baseline();
    expect(code).toBe(0);
    expect(result).toMatchObject({ made: true, usable: true, outcome: 'rejected', runs: 1, failing: [redId], tests: { total, failed: 1 } });
    baselineId = result.validationId;
  });

  it('executes a no-op change, the red test still failing', async () => {
    const { code, result } = await red().validate('noop', [{ filepath: 'NOTES.txt', content: 'nothing\n' }]);
    expect(code, result.reason).toBe(0);
    expect(result.reason.startsWith(`${total - 1} of ${total} passed; 1 failed before and still fails: ${redId}`), result.reason).toBe(true);
    expect(result.comparison).toMatchObject({ baseline: { validationId: baselineId, reused: true }, fixed: [], broken: [], stillFailing: [redId], removed: [], added: [], flaky: [], modifiedTestFiles: [] });
  });

  it('rejects a break naming exactly the tests it broke', async () => {
    const { code, result } = await red().validate('break', await scenario.breaking(red().source));
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('tests_broken');
    expect(result.comparison).toMatchObject({ baseline: { reused: true }, stillFailing: [redId], removed: [], added: [] });
    expect([...(result.comparison?.broken ?? [])].sort()).toEqual([...scenario.brokenIds].sort());
    const n = scenario.brokenIds.length;
    expect(result.reason).toBe(`broke ${n === 1 ? '1 test' : `${n} tests`} that passed before: ${result.comparison?.broken.join(', ')} ${still}`);
  });

  it('reports a fix fixed', async () => {
    const { code, result } = await red().validate('fix', await scenario.fixing(red().source));
    expect(code, result.reason).toBe(0);
    expect(result.comparison).toMatchObject({ fixed: [redId], broken: [], stillFailing: [], removed: [] });
    expect(result.reason.startsWith(`${total} of ${total} passed; fixed 1: ${redId}`), result.reason).toBe(true);
  });

  it('rejects a deleted test file as removing its tests', async () => {
    const { code, result } = await red().validate('delete', [{ filepath: scenario.testFile, delete: true }]);
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('tests_removed');
    expect([...(result.comparison?.removed ?? [])].sort()).toEqual([...scenario.testFileIds].sort());
    expect(result.comparison?.modifiedTestFiles).toEqual([scenario.testFile]);
    expect(result.testEdits?.tests.deleted.paths).toEqual([scenario.testFile]);
    expect(result.reason).toBe(`removed ${scenario.testFileIds.length} tests that ran before (gone or skipped now): ${result.comparison?.removed.join(', ')} ${still}`);
  });

  // The tests below the new one keep their identities: an edit that adds a test removes none.
  it('executes a new test added above the existing ones of a test file, listing the file', async () => {
    const source = await red().source(scenario.testFile);
    const { before, text, id } = scenario.newTest;
    expect(source).toContain(before);
    const { code, result } = await red().validate('add-test', [{ filepath: scenario.testFile, content: source.replace(before, `${text}${before}`) }]);
    expect(code, result.reason).toBe(0);
    expect(result.comparison).toMatchObject({ added: [id], broken: [], removed: [], fixed: [], stillFailing: [redId], modifiedTestFiles: [scenario.testFile] });
    expect(result.testEdits?.tests.modified.paths).toEqual([scenario.testFile]);
    expect(result.reason.startsWith(`${total} of ${total + 1} passed; 1 failed before and still fails: ${redId}`), result.reason).toBe(true);
  });

  it('lists an edited test and rejects it under --protect-tests', async () => {
    const edited = (await red().source(scenario.testFile)).replace(scenario.testEdit[0], scenario.testEdit[1]);
    expect(edited).not.toBe(await red().source(scenario.testFile));
    const { code, result } = await red().validate('edit', [{ filepath: scenario.testFile, content: edited }], '--protect-tests');
    expect(code, result.reason).toBe(1);
    expect(result).toMatchObject({ verdict: 'rejected', reasonCode: 'tests_protected', image: null, reason: `the change modifies existing tests ${scenario.testFile} (--protect-tests)` });
    expect(result.testEdits?.tests.modified.paths).toEqual([scenario.testFile]);
  });

  // The test file's edit (a blank line) is listed without --protect-tests, and is no code to cover.
  it('rejects an untested new function under --min-changed-coverage, listing its lines and the edited test', async () => {
    const edited = { filepath: scenario.testFile, content: `${await red().source(scenario.testFile)}\n` };
    const { code, result } = await red().validate('untested', [...(await scenario.untested(red().source)), edited], '--min-changed-coverage', '80');
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('changed_coverage_low');
    expect(result.comparison).toMatchObject({ broken: [], stillFailing: [redId], removed: [], modifiedTestFiles: [scenario.testFile] });
    expect(result.testEdits?.tests.modified.paths).toEqual([scenario.testFile]);
    const { file, lines, total: changed, covered } = scenario.untestedLines;
    expect(result.changedLines).toMatchObject({ total: changed, covered, uncovered: [{ file, lines }] });
    const pct = ((100 * covered) / changed).toFixed(1);
    expect(result.reason).toBe(`changed-line coverage ${pct}% (${covered} of ${changed} changed lines covered) is below the minimum 80%; not covered: ${file}: ${lines}`);
  });

  it('rejects an untested new file under --min-changed-coverage, naming it', async () => {
    const { path, content, coverage } = scenario.newFile;
    const { code, result } = await red().validate('new-file', [{ filepath: path, content }], '--min-changed-coverage', '80');
    expect(code, result.reason).toBe(1);
    if (coverage === 'unmeasured') {
      expect(result).toMatchObject({ reasonCode: 'coverage_unmeasured', changedLines: { total: 0, unmeasured: [path] } });
      expect(result.reason).toBe(`the coverage of changed code files could not be measured (no test loaded them, or the coverage configuration leaves them out): ${path}, and a minimum of 80% is set`);
    } else {
      expect(result).toMatchObject({ reasonCode: 'changed_coverage_low', changedLines: { total: coverage.total, covered: 0, uncovered: [{ file: path, lines: coverage.lines }], unmeasured: [] } });
      expect(result.reason).toBe(`changed-line coverage 0.0% (0 of ${coverage.total} changed lines covered) is below the minimum 80%; not covered: ${path}: ${coverage.lines}`);
    }
  });
}
