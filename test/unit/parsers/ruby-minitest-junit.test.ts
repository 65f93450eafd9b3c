/**
 * The sandbox minitest plugin's JUnit files (templates/ruby/sandbox/minitest/), written by
 * minitest 5.17 in the ruby image (test/fixtures/reports/ruby/README.md), read with the generic
 * JUnit parser. Each test checks the parsed records against minitest's own closing line.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { tally, type TestCaseRecord } from '../../../parsers/report.js';
import { minitestCounts, minitestSummaries, rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

const RUBY = fileURLToPath(new URL('../../fixtures/reports/ruby/', import.meta.url));

/** Every JUnit file of the scenario (one per test process), parsed and put together. */
async function parse(scenario: string): Promise<{ cases: TestCaseRecord[]; warnings: string[]; files: number }> {
  const names = readdirSync(`${RUBY}minitest/${scenario}/minitest`).sort();
  const cases: TestCaseRecord[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const result = await parseJUnit(rubyFixture(`minitest/${scenario}/minitest/${name}`), name);
    if (!result.ok) throw result.error;
    cases.push(...result.value.cases);
    warnings.push(...result.value.warnings);
  }
  return { cases, warnings, files: names.length };
}

/** The parsed counts in minitest's terms. */
function asMinitest(cases: readonly TestCaseRecord[]): ReturnType<typeof minitestCounts> {
  const totals = tally(cases);
  return { runs: totals.total, failures: totals.failed, errors: totals.errors, skips: totals.skipped };
}

describe('minitest JUnit from the sandbox plugin', () => {
  it('counts the runs minitest counted, with the real test class as suite (not "Minitest::Result")', async () => {
    expect(minitestSummaries('minitest/pass')).toEqual(['3 runs, 3 assertions, 0 failures, 0 errors, 0 skips']);
    const { cases, warnings } = await parse('pass');
    expect(asMinitest(cases)).toEqual(minitestCounts('minitest/pass'));
    expect(cases.map((c) => `${c.suite}#${c.name}`).sort()).toEqual(['CalcTest#test_add', 'CalcTest#test_div', 'CalcTest#test_div_refuses_zero']);
    expect(cases.every((c) => c.file === '/workspace/test/calc_test.rb' && c.status === 'passed')).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('tells a failed assertion (failure) from an unexpected exception (error), as minitest does', async () => {
    expect(minitestSummaries('minitest/mixed')).toEqual(['9 runs, 7 assertions, 2 failures, 1 errors, 1 skips']);
    const { cases } = await parse('mixed');
    expect(asMinitest(cases)).toEqual(minitestCounts('minitest/mixed'));
    const byName = (name: string) => cases.find((c) => c.name === name);
    expect(byName('test_fails_an_assertion')).toMatchObject({ suite: 'MixedTest', status: 'failed', message: 'Expected: 5\n  Actual: 4' });
    expect(byName('test_positive_wrongly')).toMatchObject({ suite: 'SignTest', status: 'failed', message: 'five is positive.\nExpected: 0\n  Actual: 1' });
    expect(byName('test_raises_unexpectedly')).toMatchObject({ status: 'error', message: 'ZeroDivisionError: b must not be zero' });
    expect(byName('test_skipped')).toMatchObject({ status: 'skipped', message: 'not ready' });
  });

  it('writes a report with no test case for a run of test classes without tests', async () => {
    expect(minitestSummaries('minitest/no-test-methods')).toEqual(['0 runs, 0 assertions, 0 failures, 0 errors, 0 skips']);
    expect((await parse('no-test-methods')).cases).toEqual([]);
  });

  it('writes one file per test process, which add up to every closing line rake\'s processes printed', async () => {
    expect(minitestSummaries('minitest/two-tasks')).toEqual(['3 runs, 3 assertions, 0 failures, 0 errors, 0 skips', '1 runs, 1 assertions, 0 failures, 0 errors, 0 skips']);
    const { cases, files } = await parse('two-tasks');
    expect(files).toBe(2);
    expect(asMinitest(cases)).toEqual(minitestCounts('minitest/two-tasks'));
    expect(cases.find((c) => c.suite === 'WordsTest')?.file).toBe('/workspace/test/words_test.rb');
  });

  it('writes nothing at all when a test file raised while loading', () => {
    expect(() => readdirSync(`${RUBY}minitest/load-error/minitest`)).toThrow(/ENOENT/);
    expect(minitestSummaries('minitest/load-error')).toEqual([]);
  });
});
