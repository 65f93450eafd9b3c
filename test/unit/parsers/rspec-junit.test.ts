/**
 * rspec_junit_formatter 0.4.1's XML from the same runs (test/fixtures/reports/ruby/README.md),
 * read with the generic JUnit parser. It is only the RSpec toolchain's fallback: the tests below
 * pin why (a run whose spec files failed to load looks green in it) and what it still gets right.
 */
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { reportTotals, tally, type TestReport } from '../../../parsers/report.js';
import { rspecCounts, rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

async function parse(scenario: string): Promise<TestReport> {
  const result = await parseJUnit(rubyFixture(`rspec/${scenario}/rspec-junit.xml`), 'rspec-junit.xml');
  if (!result.ok) throw result.error;
  return result.value;
}

describe('rspec_junit_formatter XML', () => {
  it('counts the examples RSpec counted, pending as skipped, save shared examples included twice', async () => {
    const report = await parse('mixed');
    const { examples, failures, pending } = rspecCounts('rspec/mixed');
    expect([examples, failures, pending]).toEqual([16, 5, 3]);
    // With no id in JUnit, the two "mixed with two behaves like a number is numeric" are one test case.
    expect(tally(report.cases)).toEqual({ total: examples - 1, passed: examples - failures - pending - 1, failed: failures, errors: 0, skipped: pending });
    expect(report.warnings).toEqual(['spec.mixed_spec::mixed with two behaves like a number is numeric appears in 2 <testcase> elements; merged into one passed record']);
  });

  it('reports a failed expectation and a raised exception alike, as <failure>, never <error>', async () => {
    const cases = (await parse('mixed')).cases;
    expect(cases.find((c) => c.name === 'mixed fails an expectation')).toMatchObject({ suite: 'spec.mixed_spec', status: 'failed', file: './spec/mixed_spec.rb' });
    expect(cases.find((c) => c.name === 'mixed raises unexpectedly')).toMatchObject({ status: 'failed', message: 'b must not be zero' });
    expect(rubyFixture('rspec/mixed/rspec-junit.xml')).toContain('type="ZeroDivisionError"');
  });

  it('looks green for a run whose spec files failed to load: tests="0" errors="0"', async () => {
    expect(rubyFixture('rspec/load-error/rspec-junit.xml')).toMatch(/<testsuite name="rspec" tests="0" skipped="0" failures="0" errors="0"/);
    const report = await parse('load-error');
    expect(reportTotals(report)).toEqual({ total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 });
    // The same run, as RSpec told it: two errors outside of examples.
    expect(rspecCounts('rspec/load-error').outside).toBe(2);
  });

  it('looks just as green for a failed before(:suite) hook and for an error in spec_helper', async () => {
    expect(reportTotals(await parse('suite-hook-error'))).toEqual({ total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 });
    expect(reportTotals(await parse('helper-load-error'))).toEqual({ total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 });
  });

  it('lists the example that called `exit 0` as a plain pass', async () => {
    const report = await parse('exit-in-example');
    expect(report.cases.map((c) => `${c.name}: ${c.status}`)).toEqual(['Calc adds: passed', 'Calc divides: passed', 'Calc.div refuses zero: passed', 'exiting runs first: passed', 'exiting exits: passed']);
  });
});
