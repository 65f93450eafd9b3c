/**
 * go test verdicts against a red baseline, end to end (built CLI, real SQLite file, real engine):
 * the cases of baselineCases, with go's identities (package path / test / subtest).
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { baselineCases, type RedProject, redProject } from '../support/baseline-scenario.js';

const CALC = 'calc/calc.go';
const STRUTIL_TESTS = 'strutil/strutil_test.go';
type Source = (path: string) => Promise<string>;
// A runtime failure, not a compile error: a red test that did not compile would take its whole package down.
const RED = 'package calc\n\nimport "testing"\n\nfunc TestDivRounds(t *testing.T) {\n\tif got, _ := Div(7, 2); got != 4 {\n\t\tt.Errorf("Div(7, 2) = %d, want 4", got)\n\t}\n}\n';
const scenario = {
  fixture: fileURLToPath(new URL('../fixtures/projects/go/', import.meta.url)),
  red: { filepath: 'calc/red_test.go', content: RED },
  redId: 'example.com/kit/calc/TestDivRounds',
  // TestAdd, TestDiv with its two subtests, TestReverse, TestCapitalize, and the red one.
  total: 7,
  breaking: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('return a + b', 'return a - b') }],
  brokenIds: ['example.com/kit/calc/TestAdd'],
  fixing: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('return a / b, nil', 'return (a + b/2) / b, nil') }],
  testFile: STRUTIL_TESTS,
  newTest: { before: 'func TestReverse(', text: 'func TestReverseEmpty(t *testing.T) {\n\tif strutil.Reverse("") != "" {\n\t\tt.Fatal("not empty")\n\t}\n}\n\n', id: 'example.com/kit/strutil/TestReverseEmpty' },
  testEdit: ['got != "olléh" {', 'got != got {'] as const,
  testFileIds: ['example.com/kit/strutil/TestReverse', 'example.com/kit/strutil/TestCapitalize'],
  // Appended after calc.go's 25 lines: 26 blank, 27-30 the function.
  untested: async (source: Source) => [{ filepath: CALC, content: `${await source(CALC)}\nfunc Mul(a, b int) int {\n\tc := a * b\n\treturn c\n}\n` }],
  // In a tested package, so the profile has its one block (the function's body, 3-6).
  newFile: { path: 'calc/twice.go', content: 'package calc\n\nfunc Twice(a int) int {\n\tb := a * 2\n\treturn b\n}\n', coverage: { lines: '3-6', total: 4 } },
  untestedLines: { file: CALC, lines: '27-30', total: 4, covered: 0 },
};

describe('go verdicts against a red baseline (CLI)', () => {
  let red: RedProject;
  beforeAll(async () => {
    red = await redProject(scenario.fixture, scenario.red);
  });
  afterEach(async () => {
    await red.expectNothingLeft();
  });
  baselineCases(scenario, it, () => red);
});
