/**
 * jest proposals through the real pipeline: real engine, the real jest image (built once per
 * fixture project, then found by its tag), real jest, ts-jest and tsc. After every case nothing
 * labelled as ours may be left.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { jestToolchain } from '../../src/toolchains/jest/jest-toolchain.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, validate, write } from '../support/run-validation.js';

const JS_PROJECT = fileURLToPath(new URL('../fixtures/projects/jest-js/', import.meta.url));
const TS_PROJECT = fileURLToPath(new URL('../fixtures/projects/jest-ts/', import.meta.url));

function validateJest(project: string, changes: Change[]): Promise<ValidationResult> {
  return validate(project, changes, {}, { toolchains: [jestToolchain] });
}

function outcomes(result: ValidationResult): string[] | undefined {
  return result.report?.cases.map((c) => `${c.suite} :: ${c.name} :: ${c.status}`);
}

async function source(project: string, path: string): Promise<string> {
  return readFile(`${project}${path}`, 'utf8');
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('validating a JavaScript jest proposal', () => {
  beforeAll(async () => {
    const warm = await validateJest(JS_PROJECT, []);
    expect(warm.outcome, warm.reason).toBe('executed');
  });

  it('detects jest from package.json and needs no build step', async () => {
    const result = await validateJest(JS_PROJECT, []);
    expect(result.framework).toBe('jest');
    expect(result.frameworkReason).toBe('package.json has a "jest" config key; package.json\'s test script runs jest ("jest")');
    expect(result.imageBuilt).toBe(false);
    expect(result.build).toBeNull();
  });

  it('executes a change whose tests all pass, with counts, coverage and per-test records', async () => {
    const calc = (await source(JS_PROJECT, 'src/calc.js')).replace('module.exports = { add, div };', 'function mul(a, b) {\n  return a * b;\n}\n\nmodule.exports = { add, div, mul };');
    const tests = `${await source(JS_PROJECT, 'test/calc.test.js')}\ntest('multiplies', () => {\n  expect(require('../src/calc').mul(3, 4)).toBe(12);\n});\n`;
    const result = await validateJest(JS_PROJECT, [write('src/calc.js', calc), write('test/calc.test.js', tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.code).toBe('passed');
    expect(result.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
    expect(outcomes(result)).toEqual([
      'test/calc.test.js > calc :: adds :: passed',
      'test/calc.test.js > calc :: divides :: passed',
      'test/calc.test.js > calc > div :: refuses zero :: passed',
      'test/calc.test.js :: multiplies :: passed',
    ]);
    expect(result.report?.cases.every((c) => c.file === 'test/calc.test.js' && c.durationMs !== null)).toBe(true);
    expect(result.coverage?.format).toBe('istanbul-summary');
    expect(result.coverage?.linesPct).toBe(100);
    expect(result.coverage?.linesValid).toBe(6);
    expect(result.test?.exitCode).toBe(0);
  });

  it('rejects a change that makes a test fail, naming the test and the expectation', async () => {
    const broken = (await source(JS_PROJECT, 'src/calc.js')).replace('return a + b;', 'return a - b;');
    const result = await validateJest(JS_PROJECT, [write('src/calc.js', broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: adds');
    const failed = result.report?.cases.find((c) => c.name === 'adds');
    expect(failed?.status).toBe('failed');
    expect(failed?.message).toContain('Expected: 4');
    expect(failed?.message).toContain('Received: 0');
    expect(failed?.message).not.toContain('\u001b');
    expect(result.coverage?.linesPct).toBeGreaterThan(0);
    expect(result.test?.exitCode).toBe(1);
  });

  it('rejects a syntax error as a suite that failed to run, naming the file and the error', async () => {
    const result = await validateJest(JS_PROJECT, [write('src/calc.js', 'function add(a, b) {\n  return a + ;\n}\n')]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: test/calc.test.js: SyntaxError: /workspace/src/calc.js: Unexpected token (2:13)');
    expect(result.report?.cases).toEqual([]);
  });

  it('rejects a test file that throws while it is imported, though every other test passes', async () => {
    const result = await validateJest(JS_PROJECT, [write('test/boom.test.js', "throw new Error('boom at import');\n\ntest('never runs', () => {});\n")]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: test/boom.test.js: boom at import');
    expect(result.report?.runErrors).toEqual([{ kind: 'suite-load', where: 'test/boom.test.js', message: 'boom at import' }]);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('rejects a proposal that deletes the only test file: zero tests is never a pass', async () => {
    const result = await validateJest(JS_PROJECT, [{ kind: 'delete', path: 'test/calc.test.js' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
    expect(result.report?.cases).toEqual([]);
    expect(result.coverage?.linesPct).toBeNull();
    expect(result.test?.exitCode).toBe(0);
  });

  it('counts a todo test as skipped, never as passed', async () => {
    const tests = `${await source(JS_PROJECT, 'test/calc.test.js')}\ntest.todo('multiplies');\n`;
    const result = await validateJest(JS_PROJECT, [write('test/calc.test.js', tests)]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toBe('3 of 4 tests passed, 1 skipped; 100.0% of lines covered');
    expect(result.report?.cases.at(-1)).toMatchObject({ name: 'multiplies', status: 'skipped', message: 'todo' });
  });
});

describe('validating a TypeScript jest proposal (ts-jest, type-checked with tsc first)', () => {
  beforeAll(async () => {
    const warm = await validateJest(TS_PROJECT, []);
    expect(warm.outcome, warm.reason).toBe('executed');
  });

  it('detects jest and TypeScript from jest.config.js and tsconfig.json, and type-checks before testing', async () => {
    const result = await validateJest(TS_PROJECT, []);
    expect(result.framework).toBe('jest');
    expect(result.frameworkReason).toBe("package.json's test script runs jest (\"jest\"); jest.config.js; tsconfig.json (TypeScript: type-checked with tsc before the tests)");
    expect(result.build?.exitCode).toBe(0);
    expect(result.imageBuilt).toBe(false);
  });

  it('executes a change whose tests all pass, with coverage mapped to the TypeScript source', async () => {
    const calc = `${await source(TS_PROJECT, 'src/calc.ts')}\nexport function mul(a: number, b: number): number {\n  return a * b;\n}\n`;
    const tests = `${await source(TS_PROJECT, 'test/calc.test.ts')}\ntest('multiplies', () => {\n  expect(mul(3, 4)).toBe(12);\n});\n`.replace("import { add, div } from '../src/calc';", "import { add, div, mul } from '../src/calc';");
    const result = await validateJest(TS_PROJECT, [write('src/calc.ts', calc), write('test/calc.test.ts', tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
    expect(outcomes(result)).toEqual([
      'test/calc.test.ts > calc :: adds :: passed',
      'test/calc.test.ts > calc :: divides :: passed',
      'test/calc.test.ts > calc > div :: refuses zero :: passed',
      'test/calc.test.ts :: multiplies :: passed',
    ]);
    expect(result.coverage?.linesPct).toBe(100);
    expect(result.coverage?.linesValid).toBe(8);
  });

  it('rejects a change that makes a test fail', async () => {
    const broken = (await source(TS_PROJECT, 'src/calc.ts')).replace('return a / b;', 'return a * b;');
    const result = await validateJest(TS_PROJECT, [write('src/calc.ts', broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: divides');
    expect(result.report?.cases.find((c) => c.name === 'divides')?.message).toContain('Expected: 2');
  });

  it('rejects a type error as a failed build with tsc\'s first error, before any test runs', async () => {
    const broken = (await source(TS_PROJECT, 'src/calc.ts')).replace('return a + b;', "return `${a}${b}`;");
    const result = await validateJest(TS_PROJECT, [write('src/calc.ts', broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe("build failed: src/calc.ts(2,3): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(result.build?.exitCode).toBe(2);
  });

  it('rejects a test file that throws while it is imported', async () => {
    const result = await validateJest(TS_PROJECT, [write('test/boom.test.ts', "throw new Error('boom at import');\n\ntest('never runs', () => {});\n")]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: test/boom.test.ts: boom at import');
  });

  it('rejects a proposal that deletes the only test file: zero tests is never a pass', async () => {
    const result = await validateJest(TS_PROJECT, [{ kind: 'delete', path: 'test/calc.test.ts' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
  });

  it('rejects a jest config naming a preset that does not exist as a run without a report', async () => {
    const config = (await source(TS_PROJECT, 'jest.config.js')).replace("preset: 'ts-jest'", "preset: 'ts-jest-missing'");
    const result = await validateJest(TS_PROJECT, [write('jest.config.js', config)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_report');
    expect(result.reason).toBe('jest stopped before writing its report (exit code 1): its configuration or a setup file could not be loaded');
    expect(result.test?.stderr).toContain('Preset ts-jest-missing not found');
  });
});
