/**
 * RSpec's and minitest's own closing lines on the console, the witnesses beside their reports
 * (pipeline/runner-summary.ts):
 *   RSpec:    "3 examples, 1 failure, 1 pending" (", 1 error occurred outside of examples")
 *   minitest: "3 runs, 3 assertions, 1 failures, 0 errors, 0 skips", one per test process
 * A test that writes a passing report and leaves with exit!(0) leaves no closing line; a report
 * rewritten at exit disagrees with it.
 *
 * What they cannot catch: the tests run in the runner's own process, so a spec_helper.rb,
 * test_helper.rb, a minitest plugin or a test itself can rewrite results in-process (patch the
 * reporter, or print a closing line and exit! before the real one) and forge both the report and
 * the line. Those files are test-support files, listed in the result and refused under
 * --protect-tests.
 */
import type { RunnerSummary } from '../toolchain.js';

const RSPEC = /^(\d+) examples?, (\d+) failures?(?:, (\d+) pending)?(?:, (\d+) errors? occurred outside of examples)?$/;
const MINITEST = /^(\d+) runs, (\d+) assertions, (\d+) failures, (\d+) errors, (\d+) skips$/;
/** Printed by minitest when its run starts, once per test process. */
const MINITEST_START = /^Run options: /;

const n = (group: string | undefined): number => Number(group ?? 0);

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

/** RSpec's last closing line on stdout; null when it printed none. */
export function readRspecSummary(stdout: string): RunnerSummary | null {
  const all = lines(stdout);
  for (let i = all.length - 1; i >= 0; i--) {
    const line = all[i] ?? '';
    const m = RSPEC.exec(line);
    if (m === null) continue;
    const failed = n(m[2]);
    return { line, passed: Math.max(0, n(m[1]) - failed - n(m[3])), failed, errors: n(m[4]) };
  }
  return null;
}

/**
 * Every minitest closing line, summed (a `rake test` of several test tasks runs one process each,
 * and a test printing a passing line cannot hide a failing one). null when a run started without
 * ending: fewer closing lines than "Run options:" lines, or none while a report was written
 * (`reports`, the JUnit files found: exit! drops Ruby's unflushed stdout, "Run options:" too).
 * Zero when minitest never ran (no test file was loaded), which backs no pass.
 */
export function readMinitestSummary(stdout: string, reports: number): RunnerSummary | null {
  let starts = 0;
  const found: string[] = [];
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const line of lines(stdout)) {
    if (MINITEST_START.test(line)) starts++;
    const m = MINITEST.exec(line);
    if (m === null) continue;
    passed += Math.max(0, n(m[1]) - n(m[3]) - n(m[4]) - n(m[5]));
    failed += n(m[3]);
    errors += n(m[4]);
    found.push(line);
  }
  if (found.length < starts || (found.length === 0 && reports > 0)) return null;
  return { line: found.length === 0 ? 'no minitest run' : found.join(' / '), passed, failed, errors };
}
