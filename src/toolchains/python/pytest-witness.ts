/**
 * pytest's two witnesses, read together: its closing console line (pytest-summary.ts) and the
 * record kept by patchproof's own plugin (pytest-outcome-record.ts). A forger must fool both,
 * so the account given is the one that disagrees most with an all-passed report: a missing
 * one first, then one that saw failures (the record names them), then the fewer passes.
 */
import type { MissingAccount, RunnerSummary, WitnessInput } from '../toolchain.js';
import { OUTCOME_RECORD, readOutcomeRecord } from './pytest-outcome-record.js';
import { readPytestSummary } from './pytest-summary.js';

export function readPytestWitness(run: WitnessInput): RunnerSummary | MissingAccount | null {
  const printed = readPytestSummary(run.stdout);
  if (printed === null) return null;
  const recorded = readOutcomeRecord(run.files.get(OUTCOME_RECORD));
  if ('missing' in recorded) return recorded;
  if (recorded.failed + recorded.errors > 0) return recorded;
  if (printed.failed + printed.errors > 0) return printed;
  return recorded.passed < printed.passed ? recorded : printed;
}
