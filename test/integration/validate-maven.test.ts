/**
 * Maven proposals through the real pipeline: real engine, the maven image (built once per run,
 * then reused), Debian's offline Maven, Surefire and JaCoCo. Kept to a few runs: every Maven run
 * starts two JVMs on a shared 2-core machine.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mavenToolchain } from '../../src/toolchains/maven/maven-toolchain.js';
import type { Change } from '../../src/changes/change.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, validate, write } from '../support/run-validation.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/maven/', import.meta.url));
const CALC = 'src/main/java/com/example/calc/Calc.java';
const CALC_TEST = 'src/test/java/com/example/calc/CalcTest.java';
const WORDS_TEST = 'src/test/java/com/example/calc/WordsTest.java';

describe('validating a Maven proposal', () => {
  let project: string;
  const run = (changes: Change[]) => validate(project, changes, {}, { toolchains: [mavenToolchain] });
  const source = (path: string) => readFile(join(FIXTURE, path), 'utf8');

  beforeAll(async () => {
    project = join(await mkdtemp(join(tmpdir(), 'patchproof-maven-')), 'calc');
    await cp(FIXTURE, project, { recursive: true });
    // Builds the image once for the file (or finds it from an earlier run).
    const warm = await run([]);
    expect(warm.outcome, warm.reason).toBe('executed');
    expect(warm.reason).toBe('5 of 5 tests passed; 87.5% of lines covered');
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('executes a change whose tests all pass, with counts, coverage and per-test records', async () => {
    const calc = (await source(CALC)).replace(/}\s*$/, '\n    public static int mul(int a, int b) {\n        return a * b;\n    }\n}\n');
    const tests = (await source(CALC_TEST)).replace(/}\s*$/, '\n    @Test\n    void multiplies() {\n        assertEquals(12, Calc.mul(3, 4));\n    }\n}\n');
    const result = await run([write(CALC, calc), write(CALC_TEST, tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.imageBuilt).toBe(false);
    expect(result.framework).toBe('maven');
    expect(result.frameworkReason).toBe('pom.xml (com.example:calc)');
    // 9 lines in Calc and Words; only Words.shout is never called.
    expect(result.reason).toBe('6 of 6 tests passed; 88.9% of lines covered');
    expect(result.coverage?.linesPct).toBe(88.89);
    expect(result.coverage?.branchesPct).toBe(100);
    expect(result.report?.cases.map((c) => `${c.suite}::${c.name}:${c.status}`).sort()).toEqual([
      'com.example.calc.CalcTest::adds:passed',
      'com.example.calc.CalcTest::divides:passed',
      'com.example.calc.CalcTest::multiplies:passed',
      'com.example.calc.CalcTest::refusesDivisionByZero:passed',
      'com.example.calc.WordsTest::capitalizes:passed',
      'com.example.calc.WordsTest::leavesEmptyAlone:passed',
    ]);
    const multiplies = result.report?.cases.find((c) => c.name === 'multiplies');
    expect(multiplies?.file).toBe(CALC_TEST);
    expect(multiplies?.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.build?.exitCode).toBe(0);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.stdout).toContain('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0');
  });

  it('rejects a change that makes a test fail, naming the test and its message', async () => {
    const broken = (await source(CALC)).replace('return a + b;', 'return a - b;');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 5 tests failed: adds');
    const adds = result.report?.cases.find((c) => c.name === 'adds');
    expect(adds).toMatchObject({ suite: 'com.example.calc.CalcTest', status: 'failed', file: CALC_TEST, message: 'expected: <5> but was: <-1>' });
    expect(result.report?.cases.filter((c) => c.status === 'passed')).toHaveLength(4);
    expect(result.test?.exitCode).toBe(1);
  });

  it('rejects a change that does not compile, with the compiler error, and runs no tests', async () => {
    const broken = (await source(CALC)).replace('return a + b;', 'return a + b');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe(`build failed: ${CALC}:8:21: error: ';' expected`);
    expect(result.test).toBeNull();
    expect(result.report).toBeNull();
  });

  it('rejects a proposal that deletes every test source: zero tests is never a pass', async () => {
    const result = await run([{ kind: 'delete', path: CALC_TEST }, { kind: 'delete', path: WORDS_TEST }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases).toEqual([]);
  });
});
