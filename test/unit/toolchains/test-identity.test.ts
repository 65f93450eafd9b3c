/**
 * Every toolchain's collect sets a stable identity on each record, from the real report fixtures:
 * the runner's own naming (pytest node ids, `classname#name`, go `package/TestX/sub`, jest
 * `file › describe › name`, rspec `file[1:2] description`, minitest `Class#test_x`), unique
 * within the run, free of absolute paths and times, and the same when read twice.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestReport } from '../../../parsers/report.js';
import { goReportFiles } from '../../fixtures/reports/go/fixture-files.js';
import { mavenReportFiles } from '../../fixtures/reports/maven/fixture-files.js';
import { rubyReportFiles } from '../../fixtures/reports/ruby/fixture-files.js';
import { collectJUnitDirectory } from '../../../src/toolchains/custom-test-command.js';
import { goToolchain } from '../../../src/toolchains/go/go-toolchain.js';
import { jestToolchain } from '../../../src/toolchains/jest/jest-toolchain.js';
import { mavenToolchain } from '../../../src/toolchains/maven/maven-toolchain.js';
import { pytestToolchain } from '../../../src/toolchains/python/pytest-toolchain.js';
import { minitestToolchain } from '../../../src/toolchains/ruby/minitest-toolchain.js';
import { rspecToolchain } from '../../../src/toolchains/ruby/rspec-toolchain.js';
import type { Toolchain } from '../../../src/toolchains/toolchain.js';

const REPORTS = fileURLToPath(new URL('../../fixtures/reports/', import.meta.url));
const read = (path: string) => readFileSync(`${REPORTS}${path}`);

function ids(report: TestReport | null): string[] {
  expect(report).not.toBeNull();
  return (report?.cases ?? []).map((c) => c.id ?? '(none)');
}

async function identities(toolchain: Pick<Toolchain, 'collect'>, files: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const first = ids((await toolchain.collect(files)).tests);
  const again = ids((await toolchain.collect(files)).tests);
  expect(again).toEqual(first);
  expect(new Set(first).size).toBe(first.length);
  for (const id of first) {
    expect(id).not.toBe('(none)');
    expect(id).not.toMatch(/\/workspace|^\//);
  }
  return first;
}

const PYTEST_MIXED = [
  'tests/test_mixed.py::test_pass',
  'tests/test_mixed.py::test_assert_fail',
  'tests/test_mixed.py::test_exception',
  'tests/test_mixed.py::test_skip',
  'tests/test_mixed.py::test_xfail',
  'tests/test_mixed.py::test_xpass',
  'tests/test_mixed.py::test_xpass_strict',
  'tests/test_mixed.py::test_fixture_error',
  'tests/test_mixed.py::test_fail_and_teardown_error',
  'tests/test_mixed.py::test_pass_then_teardown_error',
  'tests/test_mixed.py::test_ansi_output',
  'tests/test_mixed.py::test_param[1-1-2]',
  'tests/test_mixed.py::test_param[2-2-5]',
  'tests/test_mixed.py::test_param[0-0-0]',
  'tests/test_mixed.py::TestGroup::test_method_pass',
  'tests/test_mixed.py::TestGroup::test_method_skip_inline'
];

describe('test identities from real reports', () => {
  it('pytest: node ids, from the outcome record of the same run', async () => {
    const files = new Map([
      ['junit.xml', read('pytest/mixed/junit.xml')],
      ['pytest-outcomes.jsonl', read('pytest-witness/mixed/pytest-outcomes.jsonl')],
    ]);
    expect(await identities(pytestToolchain, files)).toEqual(PYTEST_MIXED);
  });

  it('pytest: node ids read from the classname when there is no record', async () => {
    expect(await identities(pytestToolchain, new Map([['junit.xml', read('pytest/mixed/junit.xml')]]))).toEqual(PYTEST_MIXED);
  });

  it('go: package/TestX/sub', async () => {
    const found = await identities(goToolchain, goReportFiles('mixed'));
    expect(found).toHaveLength(16);
    expect(found.slice(0, 5)).toEqual(['example.com/kit/calc/TestAdd', 'example.com/kit/calc/TestAbs', 'example.com/kit/calc/TestAbs/positive', 'example.com/kit/calc/TestAbs/negative_one', 'example.com/kit/calc/TestAbs/wrong/want']);
    expect(found).toContain('example.com/kit/calc/TestParallel/n=2');
    expect(found).toContain('example.com/kit/strutil/TestCapitalize');
  });
  it('jest: file › describe › name, the file relative to the project', async () => {
    const found = await identities(jestToolchain, new Map([['jest.json', read('jest/mixed/jest.json')]]));
    expect(found).toHaveLength(10);
    expect(found).toContain('test/mixed.test.js › mixed › nested › passes deeper');
    expect(found).toContain('test/mixed.test.js › top level, outside any describe');
    expect(found).toContain('test/calc.test.js › calc › div › refuses zero');
  });
  it('maven: classname#name', async () => {
    expect(await identities(mavenToolchain, mavenReportFiles('mixed'))).toEqual([
      'com.example.calc.WordsTest#capitalizes',
      'com.example.calc.WordsTest#leavesEmptyAlone',
      'com.example.calc.CalcTest#adds',
      'com.example.calc.CalcTest#later',
      'com.example.calc.CalcTest#addsWrong',
      'com.example.calc.CalcTest#dividesByZero',
    ]);
  });
  it('rspec: the example id, relative, with its description', async () => {
    const found = await identities(rspecToolchain, rubyReportFiles('rspec/mixed'));
    expect(found).toHaveLength(16);
    expect(found).toContain('spec/calc_spec.rb[1:2] Calc divides');
    // The same description twice (a shared example group used twice): told apart by RSpec's own id.
    expect(found).toContain('spec/mixed_spec.rb[1:10:1:1] mixed with two behaves like a number is numeric');
    expect(found).toContain('spec/mixed_spec.rb[1:10:2:1] mixed with two behaves like a number is numeric');
  });
  it('minitest: Class#test_x', async () => {
    expect((await identities(minitestToolchain, rubyReportFiles('minitest/mixed'))).sort()).toEqual([
      'CalcTest#test_add',
      'CalcTest#test_div',
      'CalcTest#test_div_refuses_zero',
      'MixedTest#test_fails_an_assertion',
      'MixedTest#test_passes',
      'MixedTest#test_raises_unexpectedly',
      'MixedTest#test_skipped',
      'SignTest#test_negative',
      'SignTest#test_positive_wrongly',
    ]);
  });
  it("a --test-command's JUnit: classname#name", async () => {
    const found = await identities({ collect: collectJUnitDirectory }, new Map([['a.xml', read('junit/surefire-comma-time.xml')]]));
    expect(found).toEqual(['demo.CalcTest#slowImport', 'demo.CalcTest#divides', 'demo.CalcTest#readsConfig', 'demo.CalcTest#notYet', 'demo.CalcTest#flaky']);
  });

  it('duplicates within a run get " (2)", " (3)" in report order', async () => {
    const jest = JSON.parse(read('jest/mixed/jest.json').toString('utf8')) as { testResults: { assertionResults: unknown[] }[] };
    const first = jest.testResults[0];
    if (first === undefined) throw new Error('fixture has no test file');
    first.assertionResults = [...first.assertionResults, ...first.assertionResults];
    const found = ids((await jestToolchain.collect(new Map([['jest.json', Buffer.from(JSON.stringify(jest))]]))).tests);
    expect(new Set(found).size).toBe(found.length);
    expect(found.filter((id) => id.endsWith(' (2)'))).toHaveLength(first.assertionResults.length / 2);
  });
});
