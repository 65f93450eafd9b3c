/**
 * A step's minitest suite (Debian's ruby-minitest 5.17), run as a validation runs minitest: the
 * ruby toolchain's JUnit plugin (templates/ruby/sandbox/minitest/, root-owned in the image)
 * writes one report per test process, read by the toolchain's collector, and minitest's own
 * closing line ("2 runs, 2 assertions, 1 failures, 0 errors, 0 skips") is the witness.
 * Every `*_test.rb` and `test_*.rb` is loaded, in name order, with minitest/autorun.
 *
 * What that stops: a forged passing report with an early exit!(0) (no closing line backs it), a
 * report rewritten at exit (it disagrees with the line). What it cannot stop, as with a
 * validation's minitest: the tests run in the learner's process, which can patch minitest's
 * reporters and print a closing line of its own.
 */
import { collectMinitestReports } from '../../toolchains/ruby/collect-minitest-reports.js';
import { RUBY_REPORTS } from '../../toolchains/ruby/ruby-report-files.js';
import { readMinitestSummary } from '../../toolchains/ruby/ruby-summary.js';
import { REPORT_DIR, WORKSPACE } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

const REPORTS = `${WORKSPACE}/${REPORT_DIR}`;
const F = RUBY_REPORTS;
/** Where the image puts the plugin's folder (templates/runtimes/ruby/Dockerfile). */
const HELPERS = '/opt/patchproof/ruby';
const LOAD_TESTS = `Dir.glob("**/{*_test,test_*}.rb").sort.each { |f| require File.expand_path(f) }`;

const SCRIPT = [
  `mkdir -p ${REPORTS}/${F.minitestDir}`,
  `RUBYLIB=${HELPERS} SANDBOX_JUNIT_DIR=${REPORTS}/${F.minitestDir} ruby -I. -rminitest/autorun -e '${LOAD_TESTS}' 2> /tmp/step-stderr`,
  'rc=$?',
  'cat /tmp/step-stderr >&2',
  // Enough of stderr for a file that failed to load (Ruby's report comes last), not megabytes of it.
  `tail -c 65536 /tmp/step-stderr > ${REPORTS}/${F.minitestStderr}`,
  `echo "$rc" > ${REPORTS}/${F.minitestExitCode}`,
  'exit "$rc"',
].join('\n');

export const minitestFramework: TestFramework = {
  name: 'minitest',
  command: ['sh', '-c', SCRIPT],
  async collect(run) {
    const collected = await collectMinitestReports(run.files);
    const reports = [...run.files.keys()].filter((name) => name.startsWith(`${F.minitestDir}/`)).length;
    const problem = collected.tests === null ? `${collected.testsProblem?.message ?? 'no report'} (exit code ${run.exitCode ?? 'none'})` : null;
    return judgeStepReport('minitest', collected.tests, problem, readMinitestSummary(run.stdout, reports));
  },
};
