/**
 * parseSimpleCovJson on the sandbox formatter's `coverage.json` (templates/ruby/sandbox/
 * simplecov_sandbox_json.rb), written by SimpleCov 0.22 in the ruby image
 * (test/fixtures/reports/ruby/README.md): SimpleCov's own totals for the run.
 */
import { describe, expect, it } from 'vitest';
import { parseSimpleCovJson } from '../../../parsers/simplecov/parse-simplecov-json.js';
import type { CoverageSummary } from '../../../parsers/report.js';
import { rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

function parse(scenario: string): CoverageSummary {
  const result = parseSimpleCovJson(rubyFixture(`${scenario}/coverage/coverage.json`), 'coverage.json');
  if (!result.ok) throw result.error;
  return result.value;
}

describe('the sandbox SimpleCov JSON', () => {
  it('reads SimpleCov\'s line and branch totals', () => {
    expect(parse('minitest/pass')).toEqual({ format: 'simplecov-json', linesPct: 61.54, linesCovered: 8, linesValid: 13, branchesPct: 33.33, branchesCovered: 2, branchesValid: 6 });
    expect(parse('minitest/mixed')).toMatchObject({ linesCovered: 12, linesValid: 13, branchesCovered: 5, branchesValid: 6 });
  });

  it('leaves # :nocov: blocks out, as SimpleCov does', () => {
    expect(parse('simplecov/nocov')).toMatchObject({ linesPct: 100, linesCovered: 7, linesValid: 7, branchesPct: 100 });
  });

  it('is written for failing runs and runs that died loading, too', () => {
    expect(parse('rspec/load-error')).toMatchObject({ linesCovered: 5, linesValid: 13, branchesPct: 0 });
    expect(parse('minitest/load-error')).toMatchObject({ linesCovered: 5, linesValid: 13 });
  });

  it('says branches were not measured when branch coverage was off', () => {
    const result = parseSimpleCovJson('{"command_name": "RSpec", "covered_percent": 50.0, "covered_lines": 1, "total_lines": 2, "files": []}', 'coverage.json');
    expect(result.ok && result.value).toMatchObject({ linesPct: 50, branchesPct: null, branchesValid: 0 });
  });

  it('refuses an empty file, other JSON and impossible counts', () => {
    const failure = (input: string) => {
      const result = parseSimpleCovJson(input, 'coverage.json');
      return result.ok ? null : result.error.reason;
    };
    expect(failure('')).toBe('the file is empty');
    expect(failure('{"result": {"line": 61.53}}')).toMatch(/^not the sandbox SimpleCov JSON at covered_lines: /);
    expect(failure('{"covered_lines": 3, "total_lines": 2}')).toBe('covered_lines 3 exceeds total_lines 2');
  });
});
