/**
 * Coverage for both Ruby toolchains. SimpleCov's own totals come first: the sandbox formatter's
 * `coverage.json`, written whenever SimpleCov formats a result, failing runs included. When the
 * project replaced the formatters, `.resultset.json` is recounted (it holds every line of a
 * `# :nocov:` block, so the figure can be lower than SimpleCov's). `.last_run.json` is never
 * read: after a failing RSpec run SimpleCov prints "Stopped processing SimpleCov as a previous
 * error …" and leaves it out.
 */
import { ReportParseError } from '../../../parsers/report.js';
import { parseSimpleCovJson } from '../../../parsers/simplecov/parse-simplecov-json.js';
import { parseSimpleCovResultSet } from '../../../parsers/simplecov/parse-simplecov-resultset.js';
import { simpleCovLineCoverage } from '../line-coverage-readers.js';
import type { CollectedReports } from '../toolchain.js';
import { RUBY_REPORTS } from './ruby-report-files.js';

type Coverage = Pick<CollectedReports, 'coverage' | 'coverageProblem' | 'lineCoverage'>;

export function collectSimpleCov(files: ReadonlyMap<string, Buffer>): Coverage {
  return { ...coverageSummary(files), lineCoverage: simpleCovLineCoverage(files) };
}

function coverageSummary(files: ReadonlyMap<string, Buffer>): Omit<Coverage, 'lineCoverage'> {
  const totals = files.get(RUBY_REPORTS.coverageJson);
  const resultset = files.get(RUBY_REPORTS.resultset);
  if (totals !== undefined) {
    const parsed = parseSimpleCovJson(totals.toString('utf8'), RUBY_REPORTS.coverageJson);
    if (parsed.ok) return { coverage: parsed.value, coverageProblem: null };
    if (resultset === undefined) return { coverage: null, coverageProblem: parsed.error };
  }
  if (resultset === undefined) {
    // Coverage is the project's choice in Ruby: nothing measures it unless its test helper starts SimpleCov.
    return { coverage: null, coverageProblem: new ReportParseError(RUBY_REPORTS.resultset, 'no report was written (SimpleCov measures only when the project\'s test helper starts it)') };
  }
  const parsed = parseSimpleCovResultSet(resultset.toString('utf8'), RUBY_REPORTS.resultset);
  return parsed.ok ? { coverage: parsed.value, coverageProblem: null } : { coverage: null, coverageProblem: parsed.error };
}
