/**
 * Verdicts relative to the baseline, end to end: the built CLI, a real SQLite file, the real
 * engine, and a copy of the example project made red by one always-failing test.
 */
import { writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docker } from '../support/run-validation.js';
import { runCli } from '../support/run-cli.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { exampleFile, scratchProject } from '../support/scratch-project.js';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';

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
const resultSchema = z.object({ verdict: z.string(), reason: z.string(), reasonCode: z.string(), proposalId: z.string(), comparison: comparisonSchema.nullable() });
const baselineSchema = z.object({ baselineId: z.string(), validationId: z.string(), made: z.boolean(), usable: z.boolean(), outcome: z.string(), runs: z.number(), failing: z.array(z.string()), tests: z.object({ total: z.number(), failed: z.number() }) });

const RED_TEST = 'def test_needs_mul():\n    from calc import mul\n    assert mul(2, 3) == 6\n';

describe('verdicts against the baseline (CLI)', () => {
  let env: Record<string, string>;
  let project: string;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-baseline-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    project = await scratchProject();
    await writeFile(join(project, 'tests', 'test_red.py'), RED_TEST);
  });

  afterEach(async () => {
    expect(await leftovers(docker, { store: storeLabel(loadConfig(env)) })).toEqual({ containers: [], volumes: [] });
  });

  async function validate(name: string, changes: unknown[]) {
    const file = join(work, `${name}.json`);
    await writeFile(file, JSON.stringify(changes));
    const run = await runCli(['validate', project, '--changes', file, '--json'], env);
    return { code: run.code, stderr: run.stderr, result: resultSchema.parse(JSON.parse(run.stdout)) };
  }

  it('patchproof baseline makes the red baseline once, shows it, and remakes it with --refresh', async () => {
    const first = await runCli(['baseline', project, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const made = baselineSchema.parse(JSON.parse(first.stdout));
    expect(made).toMatchObject({ made: true, usable: true, outcome: 'rejected', runs: 1, tests: { total: 4, failed: 1 } });
    expect(made.failing).toHaveLength(1);
    expect(made.failing[0]).toMatch(/test_needs_mul$/);

    const again = baselineSchema.parse(JSON.parse((await runCli(['baseline', project, '--json'], env)).stdout));
    expect(again).toMatchObject({ made: false, runs: 1, validationId: made.validationId, baselineId: made.baselineId });

    const text = await runCli(['baseline', project], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^baseline of calc: reused$/m);
    expect(text.stdout).toMatch(/fails +\S*test_needs_mul$/m);
  });

  it('a no-op change on the red project is executed, the red test still failing', async () => {
    const { code, result } = await validate('noop', [{ filepath: 'NOTES.txt', content: 'nothing\n' }]);
    expect(code).toBe(0);
    expect(result.verdict).toBe('executed');
    expect(result.reason).toMatch(/^3 of 4 passed; 1 failed before and still fails: \S*test_needs_mul/);
    expect(result.comparison).toMatchObject({ broken: [], fixed: [], removed: [], baseline: { reused: true } });
    expect(result.comparison?.stillFailing).toHaveLength(1);
  });

  it('a break is rejected naming exactly the tests it broke', async () => {
    const source = (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b');
    const { code, result } = await validate('break', [{ filepath: 'src/calc/__init__.py', content: source }]);
    expect(code).toBe(1);
    expect(result.reasonCode).toBe('tests_broken');
    expect(result.comparison?.broken).toHaveLength(1);
    expect(result.comparison?.broken[0]).toMatch(/test_add$/);
    expect(result.reason).toBe(`broke 1 test that passed before: ${result.comparison?.broken[0]} (1 test failed before and still fails)`);
    const shown = await runCli(['proposals', 'show', result.proposalId], env);
    expect(shown.stdout).toMatch(/baseline +\S+ \(reused\): fixed 0, broken 1, still failing 1/);
  });

  it('a fix is executed and reported fixed', async () => {
    const source = `${await exampleFile('src/calc/__init__.py')}\n\ndef mul(a, b):\n    return a * b\n`;
    const { code, result } = await validate('fix', [{ filepath: 'src/calc/__init__.py', content: source }]);
    expect(code).toBe(0);
    expect(result.comparison?.fixed).toHaveLength(1);
    expect(result.comparison?.fixed[0]).toMatch(/test_needs_mul$/);
    expect(result.reason).toMatch(/^4 of 4 passed; fixed 1: \S*test_needs_mul/);
  });

  it('deleting a test file is rejected as removing its tests', async () => {
    const { code, result } = await validate('delete', [{ filepath: 'tests/test_calc.py', delete: true }]);
    expect(code).toBe(1);
    expect(result.reasonCode).toBe('tests_removed');
    expect(result.comparison?.removed).toHaveLength(3);
    expect(result.comparison?.modifiedTestFiles).toEqual(['tests/test_calc.py']);
    expect(result.reason).toMatch(/^removed 3 tests that ran before/);
  });

  it('--strict grades a change on its own; stats counts what changes broke and fixed', async () => {
    const file = join(work, 'noop2.json');
    await writeFile(file, JSON.stringify([{ filepath: 'NOTES.txt', content: 'again\n' }]));
    const strict = await runCli(['validate', project, '--changes', file, '--json', '--strict'], env);
    expect(strict.code).toBe(1);
    expect(resultSchema.parse(JSON.parse(strict.stdout))).toMatchObject({ reasonCode: 'tests_failed', comparison: null });
    const stats = z.object({ projects: z.array(z.object({ name: z.string(), broken: z.number(), fixed: z.number(), baselines: z.number() })) }).parse(JSON.parse((await runCli(['stats', '--json'], env)).stdout));
    expect(stats.projects).toEqual([expect.objectContaining({ broken: 1, fixed: 1, baselines: 1 })]);
  });

  it('--refresh runs the baseline again', async () => {
    const refreshed = baselineSchema.parse(JSON.parse((await runCli(['baseline', project, '--refresh', '--json'], env)).stdout));
    expect(refreshed).toMatchObject({ made: true, runs: 2 });
  });
});
