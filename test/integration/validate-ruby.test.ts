/**
 * Ruby proposals through the real pipeline: real engine, the ruby image (built once per run, then
 * reused), Debian's Ruby 3.1 with rake, minitest, RSpec and SimpleCov. Both fixture projects hold
 * the same lib/calc.rb (13 relevant lines, 6 branches) and 3 tests of it, which cover 8 lines.
 * The toolchains are passed in: they are not in the registry yet.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { minitestToolchain } from '../../src/toolchains/ruby/minitest-toolchain.js';
import { rspecToolchain } from '../../src/toolchains/ruby/rspec-toolchain.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, validate, write } from '../support/run-validation.js';

const CALC = 'lib/calc.rb';
const MUL = '\n  def mul(a, b)\n    a * b\n  end\nend\n';
const toolchains = [rspecToolchain, minitestToolchain];

/** "suite::name:status@file" for every record, sorted: minitest runs tests in a random order. */
const rows = (result: ValidationResult): string[] => (result.report?.cases ?? []).map((c) => `${c.suite}::${c.name}:${c.status}@${c.file}`).sort();

async function scratch(fixture: string): Promise<{ project: string; source: (path: string) => Promise<string> }> {
  const dir = fileURLToPath(new URL(`../fixtures/projects/${fixture}/`, import.meta.url));
  const project = join(await mkdtemp(join(tmpdir(), `patchproof-${fixture}-`)), 'calc');
  await cp(dir, project, { recursive: true });
  return { project, source: (path: string) => readFile(join(dir, path), 'utf8') };
}

/** lib/calc.rb with `mul` added before the module's closing `end`. */
async function withMul(source: (path: string) => Promise<string>): Promise<string> {
  return (await source(CALC)).replace(/end\s*$/, MUL);
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('validating an RSpec proposal', () => {
  let project: string;
  let source: (path: string) => Promise<string>;
  const run = (changes: Change[]) => validate(project, changes, {}, { toolchains });

  beforeAll(async () => {
    ({ project, source } = await scratch('ruby-rspec'));
    // Builds the image once for the file (or finds it from an earlier run).
    const warm = await run([]);
    expect(warm.outcome, warm.reason).toBe('executed');
    expect(warm.reason).toBe('3 of 3 tests passed; 61.5% of lines covered');
  });

  it('executes a change whose specs all pass, with counts, coverage and per-example records', async () => {
    const spec = (await source('spec/calc_spec.rb')).replace(/end\s*$/, "\n  it 'multiplies' do\n    expect(Calc.mul(3, 4)).to eq(12)\n  end\nend\n");
    const result = await run([write(CALC, await withMul(source)), write('spec/calc_spec.rb', spec)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.imageBuilt).toBe(false);
    expect(result.framework).toBe('rspec');
    expect(result.frameworkReason).toBe('Rakefile; Gemfile; .rspec; spec/ holds 1 *_spec.rb file(s); Gemfile names rspec; runs rspec');
    // mul adds two relevant lines, both covered: 10 of 15.
    expect(result.reason).toBe('4 of 4 tests passed; 66.7% of lines covered');
    expect(result.coverage).toEqual({ format: 'simplecov-json', linesPct: 66.67, linesCovered: 10, linesValid: 15, branchesPct: 33.33, branchesCovered: 2, branchesValid: 6 });
    expect(rows(result)).toEqual([
      'Calc.div::refuses zero:passed@spec/calc_spec.rb',
      'Calc::adds:passed@spec/calc_spec.rb',
      'Calc::divides:passed@spec/calc_spec.rb',
      'Calc::multiplies:passed@spec/calc_spec.rb',
    ]);
    expect(result.report?.cases.every((c) => c.durationMs !== null && c.durationMs >= 0)).toBe(true);
    expect(result.build?.exitCode).toBe(0);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.stdout).toContain('4 examples, 0 failures');
  });

  it('rejects a change that makes a spec fail, naming it and its message', async () => {
    const broken = (await source(CALC)).replace('    a + b', '    a - b');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: adds');
    expect(result.report?.cases.find((c) => c.name === 'adds')).toMatchObject({ suite: 'Calc', status: 'failed', file: 'spec/calc_spec.rb', message: 'expected: 4\n     got: 0\n\n(compared using ==)' });
    expect(result.test?.exitCode).toBe(1);
    expect(result.test?.stdout).toContain('3 examples, 1 failure');
    // SimpleCov left .last_run.json out after the failure; the coverage is read all the same.
    expect(result.coverage?.linesPct).toBe(61.54);
  });

  it('rejects a change that does not parse, naming the first syntax error, and runs no spec', async () => {
    const broken = (await source(CALC)).replace('    a + b', '    a + (b');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe("build failed: lib/calc.rb:7: syntax error, unexpected `end', expecting ')'");
    expect(result.test).toBeNull();
    expect(result.report).toBeNull();
  });

  it('rejects a proposal that deletes every spec: zero examples is never a pass', async () => {
    const result = await run([{ kind: 'delete', path: 'spec/calc_spec.rb' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases).toEqual([]);
  });

  it('rejects a spec file that raises while loading as an error, though RSpec counts 0 failures', async () => {
    const result = await run([write('spec/boom_spec.rb', "raise 'boom at load'\n")]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: spec/boom_spec.rb: RuntimeError: boom at load');
    expect(result.test?.stdout).toContain('0 examples, 0 failures, 1 error occurred outside of examples');
    // RSpec runs no example at all, not even the healthy file's.
    expect(result.report?.cases).toEqual([]);
  });

  it('rejects code under test that raises while spec_helper loads it, with the error only the console tells', async () => {
    const broken = `${await source(CALC)}\nCalc.configure!\n`;
    const result = await run([write(CALC, broken)]);
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe("tests could not be collected: spec_helper: NoMethodError: undefined method `configure!' for Calc:Module");
  });
});

describe('validating a minitest proposal', () => {
  let project: string;
  let source: (path: string) => Promise<string>;
  const run = (changes: Change[]) => validate(project, changes, {}, { toolchains });

  beforeAll(async () => {
    ({ project, source } = await scratch('ruby-minitest'));
    const warm = await run([]);
    expect(warm.outcome, warm.reason).toBe('executed');
    expect(warm.reason).toBe('3 of 3 tests passed; 61.5% of lines covered');
  });

  it('executes a change whose tests all pass, with counts, coverage and per-test records', async () => {
    const tests = (await source('test/calc_test.rb')).replace(/end\s*$/, '\n  def test_mul\n    assert_equal 12, Calc.mul(3, 4)\n  end\nend\n');
    const result = await run([write(CALC, await withMul(source)), write('test/calc_test.rb', tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.imageBuilt).toBe(false);
    expect(result.framework).toBe('minitest');
    expect(result.frameworkReason).toBe('Rakefile; Gemfile; test/ holds 1 *_test.rb or test_*.rb file(s); no RSpec signal: runs minitest through rake test');
    expect(result.reason).toBe('4 of 4 tests passed; 66.7% of lines covered');
    expect(result.coverage).toMatchObject({ linesCovered: 10, linesValid: 15, branchesCovered: 2, branchesValid: 6 });
    expect(rows(result)).toEqual([
      'CalcTest::test_add:passed@test/calc_test.rb',
      'CalcTest::test_div:passed@test/calc_test.rb',
      'CalcTest::test_div_refuses_zero:passed@test/calc_test.rb',
      'CalcTest::test_mul:passed@test/calc_test.rb',
    ]);
    expect(result.report?.cases.every((c) => c.durationMs !== null && c.durationMs >= 0)).toBe(true);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.stdout).toContain('4 runs, 4 assertions, 0 failures, 0 errors, 0 skips');
  });

  it('rejects a change that makes a test fail, naming it and its message', async () => {
    const broken = (await source(CALC)).replace('    a + b', '    a - b');
    const result = await run([write(CALC, broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: test_add');
    expect(result.report?.cases.find((c) => c.name === 'test_add')).toMatchObject({ suite: 'CalcTest', status: 'failed', file: 'test/calc_test.rb', message: 'Expected: 4\n  Actual: 0' });
    expect(result.test?.exitCode).toBe(1);
    expect(result.test?.stdout).toContain('3 runs, 3 assertions, 1 failures, 0 errors, 0 skips');
    expect(result.coverage?.linesPct).toBe(61.54);
  });

  it('rejects a change that does not parse, naming the first syntax error, and runs no test', async () => {
    const broken = (await source(CALC)).replace('    a + b', '    a + (b');
    const result = await run([write(CALC, broken)]);
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe("build failed: lib/calc.rb:7: syntax error, unexpected `end', expecting ')'");
    expect(result.test).toBeNull();
  });

  it('rejects a proposal that deletes every test file: zero tests is never a pass', async () => {
    const result = await run([{ kind: 'delete', path: 'test/calc_test.rb' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran');
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases).toEqual([]);
  });

  it('rejects a test file that raises while loading, though minitest never ran to say so', async () => {
    const result = await run([write('test/boom_test.rb', "require 'test_helper'\n\nraise 'boom at load'\n")]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toBe('tests could not be collected: test/boom_test.rb: RuntimeError: boom at load');
    expect(result.test?.exitCode).toBe(1);
    expect(result.test?.stderr).toContain('rake aborted!');
    expect(result.report?.cases).toEqual([]);
  });

  it('rejects a run whose every test passed but whose exit code says otherwise (SimpleCov\'s minimum)', async () => {
    const helper = (await source('test/test_helper.rb')).replace("  add_filter '/test/'", "  add_filter '/test/'\n  minimum_coverage 100");
    const result = await run([write('test/test_helper.rb', helper)]);
    expect(result.code).toBe('exit_code_mismatch');
    expect(result.reason).toBe('every test in the report passed, but the test run exited with code 1');
    expect(result.test?.stderr).toContain('Line coverage (61.53%) is below the expected minimum coverage (100.00%).');
  });
});
