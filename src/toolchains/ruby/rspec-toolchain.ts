/**
 * RSpec 3.12 with rspec_junit_formatter and SimpleCov 0.22 on Debian's Ruby 3.1 (shared
 * docs/toolchains.md §6), offline: only Debian-packaged gems load, Bundler is not used.
 * Build: `ruby -wc` on every Ruby file, so a syntax error reads "build failed: lib/calc.rb:13:
 * syntax error, …" before any spec runs.
 * Reports: `rspec --format json` (its JUnit hides spec files that fail to load), SimpleCov's
 * `.resultset.json` for coverage when the project starts SimpleCov.
 */
import { rubyManifests } from '../../images/manifest-files.js';
import type { CollectedReports, CommandContext, Toolchain } from '../toolchain.js';
import { shWithArgs } from '../rerun-ids.js';
import { rspecRerunArgs } from './ruby-rerun.js';
import { collectRspecReports } from './collect-rspec-reports.js';
import { readRspecSummary } from './ruby-summary.js';
import { detectRspec } from './detect-ruby.js';
import { RSPEC_SCRIPT, SYNTAX_CHECK_SCRIPT } from './ruby-scripts.js';
import { rspecTestPaths } from './ruby-test-paths.js';

export const rspecToolchain: Toolchain = {
  name: 'rspec',
  template: 'ruby',
  dependencyManifests: rubyManifests,
  testPaths: rspecTestPaths,
  detect: detectRspec,

  buildCommand(): readonly string[] {
    return ['sh', '-c', SYNTAX_CHECK_SCRIPT];
  },

  testCommand(): readonly string[] {
    return ['sh', '-c', RSPEC_SCRIPT];
  },

  rerunCommand(_context: CommandContext, ids: readonly string[]): readonly string[] | null {
    const args = rspecRerunArgs(ids);
    return args === null ? null : shWithArgs(RSPEC_SCRIPT, args);
  },

  collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    return collectRspecReports(files);
  },

  witness: (run) => readRspecSummary(run.stdout),

  explainMissingReport(exitCode: number | null): string {
    if (exitCode !== null && exitCode > 128) return `the test run was killed before RSpec wrote its report (exit code ${exitCode})`;
    return `RSpec stopped before writing its report (exit code ${exitCode ?? 'unknown'}); see the test output`;
  },
};
