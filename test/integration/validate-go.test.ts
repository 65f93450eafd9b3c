/**
 * Go proposals through the real pipeline: real engine, the go image (built once per run, then
 * reused), Go 1.23 with the image's warm build cache, `go test -json` and a coverage profile.
 * The fixture module example.com/kit has two packages, calc and strutil, with 6 tests between them.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { goToolchain } from '../../src/toolchains/go/go-toolchain.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, validate, write } from '../support/run-validation.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/go/', import.meta.url));
const CALC = 'calc/calc.go';
const CALC_TEST = 'calc/calc_test.go';
const STRUTIL_TEST = 'strutil/strutil_test.go';

describe('validating a Go proposal', () => {
  let project: string;
  const run = (changes: Change[]) => validate(project, changes, {}, { toolchains: [goToolchain] });
  const source = (path: string) => readFile(join(FIXTURE, path), 'utf8');

  beforeAll(async () => {
    project = join(await mkdtemp(join(tmpdir(), 'patchproof-go-')), 'kit');
    await cp(FIXTURE, project, { recursive: true });
    // Builds the image once for the file (or finds it from an earlier run).
    const warm = await run([]);
    expect(warm.outcome, warm.reason).toBe('executed');
    // 11 of 15 statements: Abs is never called, nor Capitalize's empty-string branch.
    expect(warm.reason).toBe('6 of 6 tests passed; 73.3% of lines covered');
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('executes a change whose tests all pass, with counts, coverage and per-test records', async () => {
    const calc = `${await source(CALC)}\nfunc Mul(a, b int) int {\n\treturn a * b\n}\n`;
    const tests = `${await source(CALC_TEST)}\nfunc TestMul(t *testing.T) {\n\tif got := Mul(3, 4); got != 12 {\n\t\tt.Errorf("Mul(3, 4) = %d, want 12", got)\n\t}\n}\n`;
    const result = await run([write(CALC, calc), write(CALC_TEST, tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.imageBuilt).toBe(false);
    expect(result.framework).toBe('go');
    expect(result.frameworkReason).toBe('go.mod (module example.com/kit)');
    expect(result.reason).toBe('7 of 7 tests passed; 75.0% of lines covered');
    expect(result.coverage).toMatchObject({ format: 'go-coverprofile', linesPct: 75, linesCovered: 12, linesValid: 16, branchesPct: null });
    expect(result.report?.cases.map((c) => `${c.suite}::${c.name}:${c.status}@${c.file}`)).toEqual([
      'example.com/kit/calc::TestAdd:passed@calc/calc_test.go',
      'example.com/kit/calc::TestDiv:passed@calc/calc_test.go',
      'example.com/kit/calc::TestDiv/exact:passed@calc/calc_test.go',
      'example.com/kit/calc::TestDiv/by_zero:passed@calc/calc_test.go',
      'example.com/kit/calc::TestMul:passed@calc/calc_test.go',
      'example.com/kit/strutil::TestReverse:passed@strutil/strutil_test.go',
      'example.com/kit/strutil::TestCapitalize:passed@strutil/strutil_test.go',
    ]);
    expect(result.report?.cases.every((c) => c.durationMs !== null && c.durationMs >= 0)).toBe(true);
    expect(result.build?.exitCode).toBe(0);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.stdout).toContain('DONE 7 tests');
  });

  it('rejects a change that makes a test fail, naming the test and its message', async () => {
    const broken = (await source(CALC)).replace('return a + b', 'return a - b');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 6 tests failed: TestAdd');
    expect(result.report?.cases.find((c) => c.name === 'TestAdd')).toMatchObject({
      suite: 'example.com/kit/calc',
      status: 'failed',
      file: CALC_TEST,
      message: 'calc_test.go:10: Add(2, 3) = -1, want 5',
    });
    expect(result.report?.cases.filter((c) => c.status === 'passed')).toHaveLength(5);
    expect(result.test?.exitCode).toBe(1);
    expect(result.coverage?.linesPct).toBe(73.33);
  });

  it('rejects a change that does not compile, with the compiler error, and runs no tests', async () => {
    const broken = (await source(CALC)).replace('return a + b', 'return a + c');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe('build failed: calc/calc.go:10:13: error: undefined: c');
    expect(result.test).toBeNull();
    expect(result.report).toBeNull();
  });

  it('rejects a test file that does not compile at the build step too', async () => {
    const broken = (await source(CALC_TEST)).replace('Add(2, 3); got', 'Add(2, "3"); got');
    const result = await run([write(CALC_TEST, broken)]);
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe('build failed: calc/calc_test.go:9:19: error: cannot use "3" (untyped string constant) as int value in argument to Add');
  });

  it('rejects a proposal that deletes every test file: zero tests is never a pass', async () => {
    const result = await run([{ kind: 'delete', path: CALC_TEST }, { kind: 'delete', path: STRUTIL_TEST }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases).toEqual([]);
    expect(result.coverage?.linesPct).toBe(0);
  });

  it('rejects a panicking test as a failure with the panic, though the tests after it never ran', async () => {
    const panics = 'package calc\n\nimport "testing"\n\nfunc TestPanics(t *testing.T) {\n\tvar m map[string]int\n\tm["boom"] = 1\n}\n\nfunc TestAfterThePanic(t *testing.T) {}\n';
    const result = await run([write('calc/panic_test.go', panics)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 7 tests failed: TestPanics');
    const failed = result.report?.cases.find((c) => c.name === 'TestPanics');
    expect(failed).toMatchObject({ status: 'failed', file: 'calc/panic_test.go' });
    expect(failed?.message).toMatch(/^panic: assignment to entry in nil map/);
    expect(result.report?.cases.some((c) => c.name === 'TestAfterThePanic')).toBe(false);
  });

  it('rejects a package whose TestMain fails after every test passed, as a collection error', async () => {
    const main = 'package calc\n\nimport (\n\t"fmt"\n\t"os"\n\t"testing"\n)\n\nfunc TestMain(m *testing.M) {\n\tm.Run()\n\tfmt.Println("teardown failed")\n\tos.Exit(3)\n}\n';
    const result = await run([write('calc/main_test.go', main)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: example.com/kit/calc: the test binary failed outside any test (TestMain, init or os.Exit): teardown failed');
    expect(result.report?.cases.every((c) => c.status === 'passed')).toBe(true);
  });
});
