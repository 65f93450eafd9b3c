/**
 * Issue 11's fields as the CLI shows them, end to end (built CLI, real SQLite file, real engine):
 * one change against a red copy of the example project that fixes the red test, adds a flaky test,
 * edits an existing test file and adds an untested function; validate --json carries comparison,
 * reruns, changedLines, coverageDelta and testEdits; proposals show (text and --json) shows the
 * same from the record; stats counts what changes broke and fixed per project.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { runCli } from '../support/run-cli.js';
import { MARKER } from '../support/flaky-scenario.js';
import { docker } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { exampleFile, scratchProject } from '../support/scratch-project.js';

const RED_TEST = 'def test_needs_mul():\n    from calc import mul\n    assert mul(2, 3) == 6\n';
const FLAKY_TEST = ['import os', '', '', 'def test_once():', `    if not os.path.exists(${JSON.stringify(MARKER)}):`, `        open(${JSON.stringify(MARKER)}, "w").close()`, '        assert False, "fails on its first run"', ''].join('\n');
const EXTRA_TEST = '\n\ndef test_add_again():\n    assert add(1, 1) == 2\n';
const ADDED_CODE = '\n\ndef mul(a, b):\n    return a * b\n\n\ndef untested(x):\n    y = x + 1\n    return y * 2\n';

const editList = z.object({ count: z.number(), paths: z.array(z.string()) });
const editKinds = z.object({ added: editList, modified: editList, deleted: editList });
const fieldsSchema = z.object({
  comparison: z.object({
    baseline: z.object({ validationId: z.string(), reused: z.boolean() }),
    fixed: z.array(z.string()),
    broken: z.array(z.string()),
    stillFailing: z.array(z.string()),
    flaky: z.array(z.string()),
    added: z.array(z.string()),
    addedFailing: z.array(z.string()),
    removed: z.array(z.string()),
    modifiedTestFiles: z.array(z.string()),
    counts: z.record(z.string(), z.number()),
    note: z.string().nullable(),
  }),
  reruns: z.object({ runs: z.number(), durationMs: z.number(), flaky: z.array(z.object({ id: z.string(), rerun: z.number() })), stopped: z.string().nullable() }),
  changedLines: z.object({ total: z.number(), covered: z.number(), pct: z.number().nullable(), uncovered: z.array(z.object({ file: z.string(), lines: z.string() })) }),
  coverageDelta: z.number(),
  testEdits: z.object({ tests: editKinds, support: editKinds }),
});
const resultSchema = fieldsSchema.extend({ verdict: z.string(), reason: z.string(), reasonCode: z.string(), proposalId: z.string(), validationId: z.string() });
const shownSchema = z.object({ validations: z.array(z.object({ id: z.string(), kind: z.string() }).passthrough()) });
const statsSchema = z.object({ validations: z.record(z.string(), z.number()), projects: z.array(z.object({ name: z.string(), broken: z.number(), fixed: z.number(), baselines: z.number() })) });

const FLAKY_ID = 'tests/test_flaky.py::test_once';

describe('the new verdict fields through the CLI', () => {
  let env: Record<string, string>;
  let project: string;
  let work: string;
  let source: string;
  let result: z.infer<typeof resultSchema>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-fields-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite') };
    project = await scratchProject();
    await writeFile(join(project, 'tests', 'test_red.py'), RED_TEST);
    source = await exampleFile('src/calc/__init__.py');
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

  it('validate --json carries comparison, reruns with the flaky test, changedLines, coverageDelta and testEdits', async () => {
    const testCalc = `${await exampleFile('tests/test_calc.py')}${EXTRA_TEST}`;
    const run = await validate('fields', [
      { filepath: 'src/calc/__init__.py', content: `${source}${ADDED_CODE}` },
      { filepath: 'tests/test_flaky.py', content: FLAKY_TEST },
      { filepath: 'tests/test_calc.py', content: testCalc },
    ]);
    expect(run.code, run.stderr).toBe(0);
    result = run.result;
    expect(result.verdict, result.reason).toBe('executed');
    expect(result.comparison).toMatchObject({
      baseline: { reused: false },
      fixed: ['tests/test_red.py::test_needs_mul'],
      broken: [],
      stillFailing: [],
      flaky: [FLAKY_ID],
      added: ['tests/test_calc.py::test_add_again'],
      removed: [],
      modifiedTestFiles: ['tests/test_calc.py'],
      counts: { fixed: 1, broken: 0, stillFailing: 0, flaky: 1, added: 1, removed: 0, modifiedTestFiles: 1 },
    });
    expect(result.reruns).toMatchObject({ runs: 1, flaky: [{ id: FLAKY_ID, rerun: 1 }], stopped: null });
    // untested()'s body: the two lines after its def, which runs at import.
    const lines = `${source}${ADDED_CODE}`.split('\n');
    const body = lines.indexOf('    y = x + 1') + 1;
    expect(result.changedLines).toMatchObject({ total: 5, covered: 3, uncovered: [{ file: 'src/calc/__init__.py', lines: `${body}-${body + 1}` }] });
    expect(result.changedLines.pct).toBeCloseTo(60, 5);
    expect(result.testEdits.tests).toEqual({ added: { count: 1, paths: ['tests/test_flaky.py'] }, modified: { count: 1, paths: ['tests/test_calc.py'] }, deleted: { count: 0, paths: [] } });
    expect(result.reason).toMatch(/fixed 1: tests\/test_red\.py::test_needs_mul/);
    expect(result.reason).toContain(FLAKY_ID);
  });

  it('proposals show --json keeps the same fields in the record', async () => {
    const shown = await runCli(['proposals', 'show', result.proposalId, '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    const validation = shownSchema.parse(JSON.parse(shown.stdout)).validations.find((v) => v.id === result.validationId);
    expect(validation?.kind).toBe('validation');
    const stored = fieldsSchema.parse(validation);
    expect(stored.comparison).toEqual(result.comparison);
    expect(stored.reruns).toMatchObject({ runs: result.reruns.runs, flaky: result.reruns.flaky, stopped: null });
    expect(stored.changedLines).toMatchObject(result.changedLines);
    expect(stored.coverageDelta).toBe(result.coverageDelta);
    expect(stored.testEdits).toEqual(result.testEdits);
  });

  it('proposals show names them in text', async () => {
    const shown = await runCli(['proposals', 'show', result.proposalId], env);
    expect(shown.code, shown.stderr).toBe(0);
    const text = shown.stdout;
    const { baseline } = result.comparison;
    expect(text).toContain(`baseline   ${baseline.validationId} (made for this proposal): fixed 1, broken 0, still failing 0, flaky 1, added 1, removed 0`);
    expect(text).toMatch(/^ +fixed +tests\/test_red\.py::test_needs_mul$/m);
    expect(text).toMatch(/^ +reruns +1 rerun of the failing tests, [\d.]+s; 1 flaky$/m);
    expect(text).toContain(`flaky    ${FLAKY_ID} (passed on rerun 1)`);
    expect(text).toMatch(/^ +passed +tests\/test_flaky\.py::test_once \(flaky\)/m);
    expect(text).toMatch(/^ +changed +3 of 5 changed lines covered \(60\.0%\)$/m);
    expect(text).toContain(`not covered src/calc/__init__.py: ${result.changedLines.uncovered[0]?.lines}`);
    expect(text).toMatch(new RegExp(`^ +vs base +[+-]${Math.abs(result.coverageDelta).toFixed(2)} points of line coverage against the baseline$`, 'm'));
    expect(text).toMatch(/^ +edited tests added tests\/test_flaky\.py; modified tests\/test_calc\.py$/m);
  });

  it('stats counts per project what the changes broke and fixed against the baseline', async () => {
    const broken = await validate('break', [{ filepath: 'src/calc/__init__.py', content: source.replace('return a + b', 'return a - b') }]);
    expect(broken.code).toBe(1);
    expect(broken.result.comparison).toMatchObject({ broken: ['tests/test_calc.py::test_add'], baseline: { reused: true } });

    const json = await runCli(['stats', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const stats = statsSchema.parse(JSON.parse(json.stdout));
    expect(stats.projects).toEqual([expect.objectContaining({ name: 'calc', broken: 1, fixed: 1, baselines: 1 })]);
    // The red baseline is a run, not a rejected change.
    expect(stats.validations).toEqual({ executed: 1, rejected: 1, 'rejected (baseline)': 1 });
    const text = await runCli(['stats'], env);
    expect(text.stdout).toMatch(/^validations .*\b1 rejected \(baseline\)/m);
    expect(text.stdout).toMatch(/^ +calc +50%  \(1 executed, 1 rejected; against baselines: 1 tests broken, 1 fixed\)$/m);
  });
});
