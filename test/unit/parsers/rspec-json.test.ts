/**
 * parseRspecJson on `rspec --format json` reports written by RSpec 3.12 in the ruby image
 * (test/fixtures/reports/ruby/README.md). Each block pins RSpec's own closing line for the run,
 * then checks the parsed records add up to it: examples are records, failures are failed
 * records, pending are skipped ones, and errors outside of examples are run-level errors.
 */
import { describe, expect, it } from 'vitest';
import { consoleErrorBlocks } from '../../../parsers/rspec-json/console-errors.js';
import { parseRspecJson } from '../../../parsers/rspec-json/parse-rspec-json.js';
import { reportTotals, tally, type TestReport } from '../../../parsers/report.js';
import { rspecCounts, rspecSummary, rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

function parse(scenario: string, withConsole = true): TestReport {
  const stdout = withConsole ? rubyFixture(`rspec/${scenario}/rspec-stdout.txt`) : '';
  const result = parseRspecJson(rubyFixture(`rspec/${scenario}/rspec.json`), 'rspec.json', '/workspace', stdout);
  if (!result.ok) throw result.error;
  return result.value;
}

/** The parsed counts in RSpec's terms: failures are failed records, errors outside examples are run errors. */
function asRspec(report: TestReport): ReturnType<typeof rspecCounts> {
  const totals = tally(report.cases);
  return { examples: totals.total, failures: totals.failed + totals.errors, pending: totals.skipped, outside: report.runErrors.length };
}

const rows = (report: TestReport): string[] => report.cases.map((c) => `${c.suite} :: ${c.name}: ${c.status}`);

describe('rspec --format json: a passing run', () => {
  it('has one record per example, the group as suite, the spec file project-relative', () => {
    expect(rspecSummary('rspec/pass')).toBe('3 examples, 0 failures');
    const report = parse('pass');
    expect(asRspec(report)).toEqual(rspecCounts('rspec/pass'));
    expect(report.format).toBe('rspec-json');
    // `describe '.div'` inside `describe Calc` reads "Calc.div": RSpec joins a method name without a space.
    expect(rows(report)).toEqual(['Calc :: adds: passed', 'Calc :: divides: passed', 'Calc.div :: refuses zero: passed']);
    expect(report.cases.every((c) => c.file === 'spec/calc_spec.rb' && c.durationMs !== null && c.durationMs >= 0)).toBe(true);
    expect(report.runErrors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});

describe('rspec --format json: failures, pending examples and hooks', () => {
  it('counts what RSpec counts: 16 examples, 5 failures, 3 pending', () => {
    expect(rspecSummary('rspec/mixed')).toBe('16 examples, 5 failures, 3 pending');
    const report = parse('mixed');
    expect(asRspec(report)).toEqual(rspecCounts('rspec/mixed'));
    expect(tally(report.cases)).toEqual({ total: 16, passed: 8, failed: 5, errors: 0, skipped: 3 });
    expect(report.warnings).toEqual([]);
  });

  it('keeps an expectation\'s message as it is and names the class of a raised exception', () => {
    const byName = (name: string) => parse('mixed').cases.find((c) => c.name === name);
    expect(byName('fails an expectation')).toMatchObject({ suite: 'mixed', status: 'failed', message: 'expected: 5\n     got: 4\n\n(compared using ==)' });
    expect(byName('raises unexpectedly')).toMatchObject({ status: 'failed', message: 'ZeroDivisionError: b must not be zero' });
  });

  it('reads skip, xit and a still-failing pending as skipped with their reasons, and a pending that passes as failed', () => {
    const cases = parse('mixed').cases;
    expect(cases.filter((c) => c.status === 'skipped').map((c) => `${c.name}: ${c.message}`)).toEqual([
      'is skipped: not ready',
      'is disabled with xit: Temporarily skipped with xit',
      'is pending and still fails: rounding rules not settled',
    ]);
    expect(cases.find((c) => c.name === 'is pending but passes')).toMatchObject({
      status: 'failed',
      message: 'RSpec::Core::Pending::PendingExampleFixedError: Expected example to fail since it is pending, but it passed.',
    });
  });

  it('fails every example of a group whose before(:context) hook raised, with the hook\'s error', () => {
    const group = parse('mixed').cases.filter((c) => c.suite === 'a group whose before(:context) hook fails');
    expect(group.map((c) => `${c.name}: ${c.status}: ${c.message}`)).toEqual([
      'never gets to run: failed: RuntimeError: no database in the sandbox',
      'never gets to run either: failed: RuntimeError: no database in the sandbox',
    ]);
  });

  it('keeps both examples of shared examples included twice, though their full descriptions are equal', () => {
    const json = JSON.parse(rubyFixture('rspec/mixed/rspec.json')) as { examples: { id: string; full_description: string }[] };
    const twice = json.examples.filter((e) => e.full_description === 'mixed with two behaves like a number is numeric');
    expect(twice.map((e) => e.id)).toEqual(['./spec/mixed_spec.rb[1:10:1:1]', './spec/mixed_spec.rb[1:10:2:1]']);
    expect(parse('mixed').cases.filter((c) => c.suite === 'mixed with two behaves like a number' && c.name === 'is numeric')).toHaveLength(2);
  });

  it('is not disturbed by what examples print: the JSON goes to its own file', () => {
    expect(rubyFixture('rspec/mixed/console.txt')).toContain('printed by a spec');
    expect(parse('mixed').cases.find((c) => c.name === 'passes')?.status).toBe('passed');
  });
});

describe('rspec --format json: errors outside of examples are never zero failures', () => {
  it('turns spec files that fail to load into run-level errors, though RSpec says 0 failures and runs no example', () => {
    expect(rspecSummary('rspec/load-error')).toBe('0 examples, 0 failures, 2 errors occurred outside of examples');
    const report = parse('load-error');
    expect(asRspec(report)).toEqual(rspecCounts('rspec/load-error'));
    // calc_spec.rb loads fine, yet none of its examples ran.
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([
      { kind: 'suite-load', where: 'spec/boom_spec.rb', message: 'RuntimeError: boom at load' },
      { kind: 'suite-load', where: 'spec/db_spec.rb', message: 'LoadError: cannot load such file -- no_such_gem' },
    ]);
    expect(reportTotals(report)).toEqual({ total: 0, passed: 0, failed: 0, errors: 2, skipped: 0 });
  });

  it('does the same for a before(:suite) hook that raised', () => {
    expect(rspecSummary('rspec/suite-hook-error')).toBe('0 examples, 0 failures, 1 error occurred outside of examples');
    const report = parse('suite-hook-error');
    expect(asRspec(report)).toEqual(rspecCounts('rspec/suite-hook-error'));
    expect(report.runErrors).toEqual([{ kind: 'suite-load', where: 'before(:suite) hook', message: 'RuntimeError: no database in the sandbox' }]);
  });

  it('explains an error in spec_helper from the console, since the JSON only counts it', () => {
    expect(rspecSummary('rspec/helper-load-error')).toBe('0 examples, 0 failures, 1 error occurred outside of examples');
    const json = JSON.parse(rubyFixture('rspec/helper-load-error/rspec.json')) as { messages: string[] };
    expect(json.messages).toEqual(['No examples found.']);
    expect(parse('helper-load-error', false).runErrors).toEqual([{ kind: 'suite-load', where: 'rspec', message: '1 error occurred outside of examples' }]);
    expect(parse('helper-load-error').runErrors).toEqual([
      { kind: 'suite-load', where: 'spec_helper', message: 'NoMethodError: undefined method `configure!\' for Calc:Module' },
    ]);
  });

  it('does not count an error twice when both the JSON and the console tell it', () => {
    expect(parse('load-error').runErrors).toHaveLength(2);
    expect(consoleErrorBlocks(rubyFixture('rspec/load-error/rspec-stdout.txt'))).toHaveLength(2);
  });

  it('reads "No examples found." as a note, not an error: zero examples and nothing else', () => {
    expect(rspecSummary('rspec/no-tests')).toBe('0 examples, 0 failures');
    const report = parse('no-tests');
    expect(report.cases).toEqual([]);
    expect(report.runErrors).toEqual([]);
  });
});

describe('rspec --format json: an example that never finished', () => {
  it('counts `exit 0` inside an example as an error, where RSpec says 0 failures and exits 0', () => {
    expect(rspecSummary('rspec/exit-in-example')).toBe('5 examples, 0 failures');
    const report = parse('exit-in-example');
    expect(tally(report.cases)).toEqual({ total: 5, passed: 4, failed: 0, errors: 1, skipped: 0 });
    expect(report.cases.find((c) => c.name === 'exits')).toMatchObject({
      status: 'error',
      message: 'did not finish: the run ended while this example ran (exit, abort or a crash)',
    });
    expect(report.cases.some((c) => c.name === 'never runs')).toBe(false);
    expect(report.warnings).toEqual(['example "exiting exits" has no status: it did not finish; counted as an error', 'summary.failure_count says 0 but the report holds 1']);
  });
});

describe('rspec --format json: files that are not a report', () => {
  it('refuses an empty file, a cut-off file and other JSON, saying why', () => {
    const text = rubyFixture('rspec/pass/rspec.json');
    const failure = (input: string) => {
      const result = parseRspecJson(input, 'rspec.json', '/workspace');
      return result.ok ? null : result.error.reason;
    };
    expect(failure('')).toBe('the file is empty');
    expect(failure(text.slice(0, text.length / 2))).toMatch(/^not JSON: /);
    expect(failure('{"numTotalTests": 3}')).toBe('not an rspec --format json report at examples: Invalid input: expected array, received undefined');
  });
});
