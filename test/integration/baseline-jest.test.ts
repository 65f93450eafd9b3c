/**
 * jest verdicts against a red baseline, end to end (built CLI, real SQLite file, real engine):
 * a no-op change executed, a break rejected naming the tests it broke, a fix reported fixed, a
 * deleted test file rejected as removed, an edited test rejected under --protect-tests, and an
 * untested new function rejected under --min-changed-coverage with its lines listed.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedProject, redProject } from '../support/baseline-scenario.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/jest-js/', import.meta.url));
const RED = { filepath: 'test/red.test.js', content: "const { mul } = require('../src/calc');\n\ntest('needs mul', () => {\n  expect(mul(2, 3)).toBe(6);\n});\n" };
const RED_ID = 'test/red.test.js › needs mul';
const CALC = 'src/calc.js';
// Appended after calc.js's 12 lines: 13 blank, 14-17 the function, 18 its export.
const TWICE = '\nfunction twice(a) {\n  const b = a * 2;\n  return b;\n}\nmodule.exports.twice = twice;\n';
const MUL = '\nmodule.exports.mul = (a, b) => a * b;\n';

describe('jest verdicts against a red baseline (CLI)', () => {
  let red: RedProject;
  let calc: string;

  beforeAll(async () => {
    red = await redProject(FIXTURE, RED);
    calc = await red.source(CALC);
    expect(calc.split('\n')).toHaveLength(13);
  });

  afterEach(async () => {
    await red.expectNothingLeft();
  });

  it('executes a no-op change, the red test still failing', async () => {
    const { code, result } = await red.validate('noop', [{ filepath: 'NOTES.txt', content: 'nothing\n' }]);
    expect(code, result.reason).toBe(0);
    expect(result.reason).toMatch(new RegExp(`^3 of 4 passed; 1 failed before and still fails: ${RED_ID}(;|$)`));
    expect(result.comparison).toMatchObject({ baseline: { reused: false }, fixed: [], broken: [], stillFailing: [RED_ID], removed: [], added: [], flaky: [] });
  });

  it('rejects a break naming exactly the test it broke', async () => {
    const { code, result } = await red.validate('break', [{ filepath: CALC, content: calc.replace('return a + b', 'return a - b') }]);
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('tests_broken');
    expect(result.comparison).toMatchObject({ baseline: { reused: true }, broken: ['test/calc.test.js › calc › adds'], stillFailing: [RED_ID] });
    expect(result.reason).toBe(`broke 1 test that passed before: test/calc.test.js › calc › adds (1 test failed before and still fails)`);
  });

  it('reports a fix fixed', async () => {
    const { code, result } = await red.validate('fix', [{ filepath: CALC, content: calc + MUL }]);
    expect(code, result.reason).toBe(0);
    expect(result.comparison).toMatchObject({ fixed: [RED_ID], broken: [], stillFailing: [] });
    expect(result.reason).toMatch(new RegExp(`^4 of 4 passed; fixed 1: ${RED_ID}(;|$)`));
  });

  it('rejects a deleted test file as removing its tests', async () => {
    const { code, result } = await red.validate('delete', [{ filepath: 'test/calc.test.js', delete: true }]);
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('tests_removed');
    const removed = ['test/calc.test.js › calc › adds', 'test/calc.test.js › calc › div › refuses zero', 'test/calc.test.js › calc › divides'];
    expect([...(result.comparison?.removed ?? [])].sort()).toEqual(removed);
    expect(result.comparison?.modifiedTestFiles).toEqual(['test/calc.test.js']);
    expect(result.reason).toMatch(/^removed 3 tests that ran before \(gone or skipped now\): /);
  });

  it('lists an edited test and rejects it under --protect-tests', async () => {
    const edited = (await red.source('test/calc.test.js')).replace('toBe(4)', 'toBe(0)');
    const { code, result } = await red.validate('edit', [{ filepath: 'test/calc.test.js', content: edited }], '--protect-tests');
    expect(code, result.reason).toBe(1);
    expect(result).toMatchObject({ verdict: 'rejected', reasonCode: 'tests_protected', image: null, reason: 'the change modifies existing tests test/calc.test.js (--protect-tests)' });
    expect(result.testEdits?.tests.modified.paths).toEqual(['test/calc.test.js']);
  });

  it('rejects an untested new function under --min-changed-coverage, listing its lines', async () => {
    const { code, result } = await red.validate('untested', [{ filepath: CALC, content: calc + TWICE }], '--min-changed-coverage', '80');
    expect(code, result.reason).toBe(1);
    expect(result.reasonCode).toBe('changed_coverage_low');
    expect(result.changedLines).toMatchObject({ uncovered: [{ file: CALC, lines: '15-16' }] });
    expect(result.reason).toMatch(/is below the minimum 80%; not covered: src\/calc\.js: 15-16$/);
  });
});
