/**
 * parseSimpleCovResultSet on `.resultset.json` files written by SimpleCov 0.22 in the ruby image
 * (test/fixtures/reports/ruby/README.md). The truth is SimpleCov's own count for the same run,
 * which the sandbox formatter wrote beside it (`coverage.json`: `covered_lines` of `total_lines`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSimpleCovResultSet } from '../../../parsers/simplecov/parse-simplecov-resultset.js';
import type { CoverageSummary } from '../../../parsers/report.js';
import { rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

const RUBY = fileURLToPath(new URL('../../fixtures/reports/ruby/', import.meta.url));

function parse(scenario: string): CoverageSummary {
  const result = parseSimpleCovResultSet(rubyFixture(`${scenario}/coverage/.resultset.json`), '.resultset.json');
  if (!result.ok) throw result.error;
  return result.value;
}

/** SimpleCov's own totals for the run: [covered lines, lines, covered branches, branches]. */
function simpleCovSaid(scenario: string): number[] {
  const totals = JSON.parse(rubyFixture(`${scenario}/coverage/coverage.json`)) as Record<string, number>;
  return [totals['covered_lines'] ?? -1, totals['total_lines'] ?? -1, totals['covered_branches'] ?? -1, totals['total_branches'] ?? -1];
}

const counts = (c: CoverageSummary): number[] => [c.linesCovered, c.linesValid, c.branchesCovered, c.branchesValid];

describe('SimpleCov .resultset.json', () => {
  it('counts what SimpleCov counted for a passing run: 8 of 13 lines, 2 of 6 branches', () => {
    expect(simpleCovSaid('rspec/pass')).toEqual([8, 13, 2, 6]);
    expect(parse('rspec/pass')).toEqual({ format: 'simplecov-resultset', linesPct: 61.54, linesCovered: 8, linesValid: 13, branchesPct: 33.33, branchesCovered: 2, branchesValid: 6 });
    expect(counts(parse('minitest/pass'))).toEqual(simpleCovSaid('minitest/pass'));
  });

  it('is there after failing runs, where .last_run.json is not', () => {
    for (const scenario of ['rspec/mixed', 'rspec/load-error', 'rspec/coverage-minimum', 'minitest/load-error']) {
      expect(existsSync(`${RUBY}${scenario}/coverage/.last_run.json`), scenario).toBe(false);
      expect(counts(parse(scenario)), scenario).toEqual(simpleCovSaid(scenario));
    }
    expect(rubyFixture('rspec/mixed/console.txt')).toContain('Stopped processing SimpleCov as a previous error not related to SimpleCov has been detected');
  });

  it('rounds where SimpleCov floors: 8 of 13 is 61.54, SimpleCov prints 61.53%', () => {
    expect(rubyFixture('rspec/coverage-minimum/console.txt')).toContain('Line coverage (61.53%) is below the expected minimum coverage (100.00%).');
    expect(parse('rspec/coverage-minimum').linesPct).toBe(61.54);
  });

  it('merges the entries of several commands per line, counting a line once', () => {
    const raw = JSON.parse(rubyFixture('simplecov/two-commands/coverage/.resultset.json')) as Record<string, { coverage: Record<string, { lines: (number | null)[] }> }>;
    expect(Object.keys(raw)).toEqual(['Unit Tests (pid 17)', 'RSpec (pid 29)']);
    // Each entry alone: 11 and 10 covered of 13 (either one, or their sum 21 of 26, would be wrong); merged, 12 of 13, as SimpleCov says.
    const entryCounts = Object.values(raw).map((entry) => {
      const lines = entry.coverage['/workspace/lib/calc.rb']?.lines ?? [];
      return [lines.filter((h) => h !== null && h > 0).length, lines.filter((h) => h !== null).length];
    });
    expect(entryCounts).toEqual([[11, 13], [10, 13]]);
    expect(simpleCovSaid('simplecov/two-commands')).toEqual([12, 13, 5, 6]);
    expect(counts(parse('simplecov/two-commands'))).toEqual([12, 13, 5, 6]);
  });

  it('merges the processes of one rake test (one per Rake::TestTask), each with its own command name', () => {
    expect(Object.keys(JSON.parse(rubyFixture('minitest/two-tasks/coverage/.resultset.json')) as object)).toEqual(['Unit Tests (pid 17)', 'Unit Tests (pid 21)']);
    expect(counts(parse('minitest/two-tasks'))).toEqual(simpleCovSaid('minitest/two-tasks'));
  });

  it('keeps the lines of a # :nocov: block, which SimpleCov leaves out: 8 of 13 where SimpleCov says 7 of 7', () => {
    expect(rubyFixture('simplecov/nocov/coverage/coverage.json')).toContain('"covered_percent": 100.0');
    expect(simpleCovSaid('simplecov/nocov')).toEqual([7, 7, 2, 2]);
    // `def sign` inside the block ran when the file loaded: one more covered line, not one fewer.
    expect(counts(parse('simplecov/nocov'))).toEqual([8, 13, 2, 6]);
  });

  it('reads the layout written before SimpleCov 0.18: a file mapped straight to its lines', () => {
    // simplecov-ruby/simplecov@051f51e2 test_projects/old_coverage_json/coverage/.resultset.json, whose
    // .last_run.json says covered_percent 88.89.
    const old = `{
  "RSpec Different Name to avoid overriding": {
    "coverage": {
      "$$path/lib/code.rb": [null, null, 1, 1, 1, 1, null, 0, null, null, null],
      "$$path/spec/code_spec.rb": [null, null, 1, null, 1, 1, 1, null, null]
    },
    "timestamp": 1579085826
  }
}`;
    const result = parseSimpleCovResultSet(old, '.resultset.json');
    expect(result.ok && result.value).toEqual({ format: 'simplecov-resultset', linesPct: 88.89, linesCovered: 8, linesValid: 9, branchesPct: null, branchesCovered: 0, branchesValid: 0 });
  });

  it('refuses an empty file, a cut-off file and other JSON, saying why', () => {
    const text = rubyFixture('rspec/pass/coverage/.resultset.json');
    const failure = (input: string) => {
      const result = parseSimpleCovResultSet(input, '.resultset.json');
      return result.ok ? null : result.error.reason;
    };
    expect(failure('')).toBe('the file is empty');
    // The lock file SimpleCov leaves beside it is empty too.
    expect(rubyFixture('rspec/pass/coverage/.resultset.json.lock')).toBe('');
    expect(failure(text.slice(0, 200))).toMatch(/^not JSON: /);
    expect(failure('{"result": {"line": 61.53}}')).toMatch(/^not a SimpleCov \.resultset\.json at result\.coverage: /);
  });
});
