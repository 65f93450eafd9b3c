/** What the Ruby test scripts leave under REPORT_DIR, shared by the scripts and the collectors. */
export const RUBY_REPORTS = {
  /** `rspec --format json --out`: the source of truth for RSpec (its JUnit hides load errors). */
  rspecJson: 'rspec.json',
  /** rspec_junit_formatter's XML: read only when the JSON is missing or unreadable. */
  rspecJunit: 'rspec-junit.xml',
  /**
   * RSpec's console output, head and tail: the only record of an error in a file `.rspec`
   * requires (spec_helper), which RSpec counts in the JSON but explains only here.
   */
  rspecStdout: 'rspec-stdout.txt',
  /** RSpec's stderr, head and tail: where it says why it did not start (a bad .rspec option). */
  rspecStderr: 'rspec-stderr.txt',
  rspecExitCode: 'rspec-exit-code',
  /** The sandbox minitest plugin's JUnit files, one per test process: junit-<pid>.xml. */
  minitestDir: 'minitest',
  /** The test run's stderr, head and tail: the only record of a test file that fails to load. */
  minitestStderr: 'minitest-stderr.txt',
  /** So a run that loaded no test file (exit 0, no report) is told apart from one that died. */
  minitestExitCode: 'minitest-exit-code',
  /** SimpleCov's own totals, from the sandbox formatter (templates/ruby/sandbox/.simplecov). */
  coverageJson: 'coverage/coverage.json',
  /** SimpleCov's raw results: recounted when the project's own formatters replaced ours. */
  resultset: 'coverage/.resultset.json',
} as const;
