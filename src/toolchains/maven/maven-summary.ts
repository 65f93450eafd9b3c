/**
 * Maven's own account of the test run, the witness beside the Surefire reports
 * (pipeline/runner-summary.ts): the totals line each Surefire execution prints after "Results:"
 *   [ERROR] Tests run: 7, Failures: 1, Errors: 2, Skipped: 1   (", Flakes: 1" with reruns)
 * and Maven's closing "BUILD SUCCESS" / "BUILD FAILURE". The test script (maven-scripts.ts)
 * passes Maven's output through awk, which prints these lines once more after Maven ended, below
 * RECAP_MARKER: a long output keeps only its head and tail, and the recap is in the tail.
 *
 * The console can only be added to, never taken back, so a test printing a passing totals line
 * cannot hide a failing one that Surefire printed: every execution's totals are summed, and a
 * failure in any execution counts (even one a POM's testFailureIgnore lets pass). Without a BUILD
 * line Maven did not finish: a System.exit in a test ended it (a POM that forces forkCount=0 runs
 * the tests in Maven's own JVM; in Surefire's fork, the default, an exit ends only the fork and
 * Surefire fails the build).
 *
 * What it cannot catch: a test in Maven's JVM (forkCount=0) can print a passing totals line and
 * "BUILD SUCCESS" itself, write reports, and then System.exit(0) before Surefire prints the real
 * ones. In-process tests share everything with the runner; only the test-support listing
 * (--protect-tests) and review stand against that.
 */
import type { RunnerSummary } from '../toolchain.js';

/** Printed by the test script's awk before its recap; nothing of Maven's looks like it. */
export const RECAP_MARKER = "[patchproof] Maven's summary lines, again:";

const ANSI = /\u001b\[[0-9;]*m/g;
const TOTALS = /^\[[A-Z]+\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(?:, Flakes: \d+)?$/;
const BUILD = /^\[[A-Z]+\] BUILD (SUCCESS|FAILURE)$/;

/** The recap after the last marker on stdout; null when there is none or it has no BUILD line. */
export function readMavenSummary(stdout: string): RunnerSummary | null {
  const lines = stdout.replace(ANSI, '').split('\n').map((line) => line.trim());
  const start = lines.lastIndexOf(RECAP_MARKER);
  if (start < 0) return null;
  let run = 0;
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  let build: string | null = null;
  const totals: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const counts = TOTALS.exec(line);
    if (counts !== null) {
      run += Number(counts[1]);
      failed += Number(counts[2]);
      errors += Number(counts[3]);
      skipped += Number(counts[4]);
      totals.push(line);
    } else if (BUILD.test(line)) {
      build = line;
    }
  }
  if (build === null) return null;
  // No totals line with a BUILD line: Surefire found no tests ("No tests to run.").
  const said = [...totals, build].join(' / ');
  return { line: said, passed: Math.max(0, run - failed - errors - skipped), failed, errors };
}
