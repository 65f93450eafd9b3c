/**
 * jest verdicts against a red baseline, end to end (built CLI, real SQLite file, real engine):
 * a no-op change executed, a break rejected naming the tests it broke, a fix reported fixed, a
 * deleted test file rejected as removed, an edited test rejected under --protect-tests, and an
 * untested new function rejected under --min-changed-coverage with its lines listed.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { baselineCases, type RedProject, redProject } from '../support/baseline-scenario.js';

const CALC = 'src/calc.js';
const TESTS = 'test/calc.test.js';
const scenario = {
  fixture: fileURLToPath(new URL('../fixtures/projects/jest-js/', import.meta.url)),
  red: { filepath: 'test/red.test.js', content: "const { mul } = require('../src/calc');\n\ntest('needs mul', () => {\n  expect(mul(2, 3)).toBe(6);\n});\n" },
  redId: 'test/red.test.js › needs mul',
  total: 4,
  breaking: async (source: (path: string) => Promise<string>) => [{ filepath: CALC, content: (await source(CALC)).replace('return a + b', 'return a - b') }],
  brokenIds: [`${TESTS} › calc › adds`],
  fixing: async (source: (path: string) => Promise<string>) => [{ filepath: CALC, content: `${await source(CALC)}\nmodule.exports.mul = (a, b) => a * b;\n` }],
  testFile: TESTS,
  newTest: { before: "describe('calc'", text: "test('adds zero', () => {\n  expect(add(0, 0)).toBe(0);\n});\n\n", id: `${TESTS} › adds zero` },
  testEdit: ['.toBe(4)', '.toBeDefined()'] as const,
  testFileIds: [`${TESTS} › calc › adds`, `${TESTS} › calc › divides`, `${TESTS} › calc › div › refuses zero`],
  // Appended after calc.js's 12 lines: 13 blank, 14-17 the function, 18 its export (run at load);
  // the declaration and its closing brace are no statements.
  untested: async (source: (path: string) => Promise<string>) => [{ filepath: CALC, content: `${await source(CALC)}\nfunction twice(a) {\n  const b = a * 2;\n  return b;\n}\nmodule.exports.twice = twice;\n` }],
  // Nothing requires it, and jest's coverage lists only the files the tests loaded.
  newFile: { path: 'src/twice.js', content: 'function twice(a) {\n  return a * 2;\n}\n\nmodule.exports = { twice };\n', coverage: 'unmeasured' as const },
  untestedLines: { file: CALC, lines: '15-16', total: 3, covered: 1 },
};

describe('jest verdicts against a red baseline (CLI)', () => {
  let red: RedProject;
  beforeAll(async () => {
    red = await redProject(scenario.fixture, scenario.red);
  });
  afterEach(async () => {
    await red.expectNothingLeft();
  });
  baselineCases(scenario, it, () => red);
});
