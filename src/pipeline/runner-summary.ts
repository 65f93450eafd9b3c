/**
 * The defence against a forged report. Tests run in the same process as the reporter that writes
 * the report they are judged by, so a test can write a passing report itself and end the run
 * early with exit code 0, or rewrite the report as the run ends. What the runner itself said
 * (its closing summary, a record of ours) is a second witness: a report that says "all passed"
 * is believed only when that witness is there and agrees. Each toolchain knows its own witness.
 */
import type { MissingAccount, RunnerSummary, Toolchain, WitnessInput } from '../toolchains/toolchain.js';

export type { MissingAccount, RunnerSummary } from '../toolchains/toolchain.js';

export interface SummaryReading {
  readonly runner: string;
  /** null: the runner printed no closing summary; a MissingAccount: another witness is missing, and why. */
  readonly summary: RunnerSummary | MissingAccount | null;
}

/** null when the toolchain has no witness to read (then no cross-check is made). */
export function readRunnerSummary(toolchain: Toolchain, run: WitnessInput): SummaryReading | null {
  if (toolchain.witness === undefined) return null;
  return { runner: toolchain.name, summary: toolchain.witness(run) };
}
