/**
 * Maven (JUnit 5, Surefire, JaCoCo) verdicts against a red baseline, end to end (built CLI, real
 * SQLite file, real engine): the cases of baselineCases, with JUnit's `classname#name` identities.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { baselineCases, type RedProject, redProject } from '../support/baseline-scenario.js';

const CALC = 'src/main/java/com/example/calc/Calc.java';
const TESTS = 'src/test/java/com/example/calc';
type Source = (path: string) => Promise<string>;
const RED = [
  'package com.example.calc;',
  '',
  'import static org.junit.jupiter.api.Assertions.assertEquals;',
  '',
  'import org.junit.jupiter.api.Test;',
  '',
  'class RedTest {',
  '    @Test',
  '    void roundsDivision() {',
  '        assertEquals(4, Calc.div(7, 2));',
  '    }',
  '}',
  '',
].join('\n');
const MUL = '\n    public static int mul(int a, int b) {\n        int c = a * b;\n        return c;\n    }\n}\n';
const scenario = {
  fixture: fileURLToPath(new URL('../fixtures/projects/maven/', import.meta.url)),
  red: { filepath: `${TESTS}/RedTest.java`, content: RED },
  redId: 'com.example.calc.RedTest#roundsDivision',
  total: 6,
  breaking: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('return a + b', 'return a - b') }],
  brokenIds: ['com.example.calc.CalcTest#adds'],
  fixing: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('return a / b;', 'return (a + b / 2) / b;') }],
  testFile: `${TESTS}/WordsTest.java`,
  newTest: { before: '    @Test\n    void capitalizes()', text: '    @Test\n    void capitalizesOneLetter() {\n        assertEquals("A", Words.capitalize("a"));\n    }\n\n', id: 'com.example.calc.WordsTest#capitalizesOneLetter' },
  testEdit: ['assertEquals("Hello", Words.capitalize("hello"));', 'Words.capitalize("hello");'] as const,
  testFileIds: ['com.example.calc.WordsTest#capitalizes', 'com.example.calc.WordsTest#leavesEmptyAlone'],
  // Before Calc.java's closing brace (line 17): 17 blank, 18-21 the method, whose body (19-20) is its only code.
  untested: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace(/}\s*$/, MUL) }],
  // JaCoCo reports every compiled class, loaded or not; it leaves out a private empty constructor (line 4).
  newFile: { path: 'src/main/java/com/example/calc/Twice.java', content: 'package com.example.calc;\n\npublic final class Twice {\n    private Twice() {\n    }\n\n    public static int twice(int a) {\n        return a * 2;\n    }\n}\n', coverage: { lines: '8', total: 1 } },
  untestedLines: { file: CALC, lines: '19-20', total: 2, covered: 0 },
};

describe('Maven verdicts against a red baseline (CLI)', () => {
  let red: RedProject;
  beforeAll(async () => {
    red = await redProject(scenario.fixture, scenario.red);
  });
  afterEach(async () => {
    await red.expectNothingLeft();
  });
  baselineCases(scenario, it, () => red);
});
