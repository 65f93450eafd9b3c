/**
 * minitest 5.17 through `rake test` (rake 13.0.6), with SimpleCov 0.22, on Debian's Ruby 3.1
 * (docs/toolchains.md §6), offline: only Debian-packaged gems load, Bundler is not used.
 * Build: `ruby -wc` on every Ruby file, so a syntax error reads "build failed: lib/calc.rb:13:
 * syntax error, …" before any test runs.
 * Reports: JUnit XML from the image's minitest plugin (Debian's minitest-reporters is too old),
 * the run's stderr for a test file that fails to load, SimpleCov's `.resultset.json`.
 */
import { rubyManifests } from '../../images/manifest-files.js';
import type { CollectedReports, CommandContext, Toolchain } from '../toolchain.js';
import { shWithArgs } from '../rerun-ids.js';
import { minitestRerunArgs } from './ruby-rerun.js';
import { collectMinitestReports } from './collect-minitest-reports.js';
import { readMinitestSummary } from './ruby-summary.js';
import { detectMinitest } from './detect-ruby.js';
import { RUBY_REPORTS } from './ruby-report-files.js';
import { MINITEST_SCRIPT, SYNTAX_CHECK_SCRIPT } from './ruby-scripts.js';
import { minitestTestPaths } from './ruby-test-paths.js';

export const minitestToolchain: Toolchain = {
  name: 'minitest',
  template: 'ruby',
  dependencyManifests: rubyManifests,
  testPaths: minitestTestPaths,
  detect: detectMinitest,

  buildCommand(): readonly string[] {
    return ['sh', '-c', SYNTAX_CHECK_SCRIPT];
  },

  testCommand(): readonly string[] {
    return ['sh', '-c', MINITEST_SCRIPT];
  },

  rerunCommand(_context: CommandContext, ids: readonly string[]): readonly string[] | null {
    const args = minitestRerunArgs(ids);
    return args === null ? null : shWithArgs(MINITEST_SCRIPT, args);
  },

  collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    return collectMinitestReports(files);
  },

  witness: (run) => readMinitestSummary(run.stdout, [...run.files.keys()].filter((name) => name.startsWith(`${RUBY_REPORTS.minitestDir}/`)).length),

  explainMissingReport(exitCode: number | null): string {
    if (exitCode !== null && exitCode > 128) return `the test run was killed before minitest wrote its report (exit code ${exitCode})`;
    return `the test run ended (exit code ${exitCode ?? 'unknown'}) before minitest wrote its report: a test called exit or abort, or the process crashed; see the test output`;
  },
};
