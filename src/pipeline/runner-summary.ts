/**
 * The defence against a forged report. Tests run in the same process as the reporter that writes
 * the report they are judged by, so a test can write a passing report itself and end the run
 * early with exit code 0, or rewrite the report as the run ends. What the runner printed as its
 * own closing summary is a second witness: a report that says "all passed" is believed only when
 * that summary is there and agrees. A test that forges both can still win; this stops the simple
 * forgeries and the runs cut short.
 *
 * Only for runs whose console patchproof knows: the stock pytest command (a project's own
 * --test-command keeps the toolchain's name but prints what it likes).
 */
import { pytestToolchain } from '../toolchains/python/pytest-toolchain.js';
import { readPytestSummary } from '../toolchains/python/pytest-summary.js';
import type { Toolchain } from '../toolchains/toolchain.js';

export interface RunnerSummary {
  /** The line it was read from, for the reason. */
  readonly line: string;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
}

export interface SummaryReading {
  readonly runner: string;
  /** null: the runner's closing summary is not in its output. */
  readonly summary: RunnerSummary | null;
}

/** null when patchproof cannot read this toolchain's console (then no cross-check is made). */
export function readRunnerSummary(toolchain: Toolchain, stdout: string): SummaryReading | null {
  const stockPytest = toolchain.testCommand === pytestToolchain.testCommand && toolchain.collect === pytestToolchain.collect;
  if (stockPytest) return { runner: 'pytest', summary: readPytestSummary(stdout) };
  return null;
}
