/**
 * Changed-line coverage for Go through the real pipeline (engine, go image, coverage profile):
 * the lines a change adds are placed in project files through `go list`, and
 * --min-changed-coverage rejects an untested new function naming its lines.
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
// Appended after calc.go's 25 lines: 26 blank, 27-30 the function (its body one block of two statements).
const MUL = '\nfunc Mul(a, b int) int {\n\tc := a * b\n\treturn c\n}\n';
const MUL_TEST = 'package calc\n\nimport "testing"\n\nfunc TestMul(t *testing.T) {\n\tif Mul(2, 3) != 6 {\n\t\tt.Fatal("2*3")\n\t}\n}\n';

describe('changed-line coverage of a Go proposal', () => {
  let project: string;
  let calc: string;
  const run = (changes: Change[], minChangedCoverage?: number) => validate(project, changes, {}, { toolchains: [goToolchain], ...(minChangedCoverage === undefined ? {} : { minChangedCoverage }) });

  beforeAll(async () => {
    project = join(await mkdtemp(join(tmpdir(), 'patchproof-cov-go-')), 'kit');
    await cp(FIXTURE, project, { recursive: true });
    calc = await readFile(join(project, 'calc/calc.go'), 'utf8');
    expect(calc.split('\n')).toHaveLength(26);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('rejects an untested new function under --min-changed-coverage 80, naming its lines', async () => {
    const result = await run([write('calc/calc.go', calc + MUL)], 80);
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.code).toBe('changed_coverage_low');
    expect(result.reason).toBe('changed-line coverage 0.0% (0 of 4 changed lines covered) is below the minimum 80%; not covered: calc/calc.go: 27-30');
    expect(result.changedLines).toMatchObject({ total: 4, covered: 0, pct: 0, uncovered: [{ file: 'calc/calc.go', lines: '27-30' }], files: [{ file: 'calc/calc.go', total: 4, covered: 0 }] });
    expect(result.coverageDelta).toBeNull();
  });

  it('executes the same function with its test at 100% of the changed lines', async () => {
    const result = await run([write('calc/calc.go', calc + MUL), write('calc/mul_test.go', MUL_TEST)], 80);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toMatch(/^7 of 7 tests passed; .*; 4 of 4 changed lines covered$/);
    expect(result.changedLines).toMatchObject({ total: 4, covered: 4, pct: 100, uncovered: [] });
  });
});
