/**
 * One status per test case, with a fixed precedence: error > failed > skipped > passed.
 *
 * Tools disagree (EnricoMi's publisher ranks failure over skip, mikepenz's ranks skip over
 * failure); a proposal gate must not let a `<skipped/>` next to a `<failure>` hide the failure.
 * Presence is what counts: an empty `<failure/>` parses to `''`, which is falsy but still a failure.
 */
import type { TestStatus } from '../report.js';

export interface OutcomeChildren {
  readonly failure?: readonly unknown[] | undefined;
  readonly error?: readonly unknown[] | undefined;
  readonly skipped?: readonly unknown[] | undefined;
}

const SEVERITY: Readonly<Record<TestStatus, number>> = { passed: 0, skipped: 1, failed: 2, error: 3 };

export function caseStatus(children: OutcomeChildren): TestStatus {
  if (children.error !== undefined && children.error.length > 0) return 'error';
  if (children.failure !== undefined && children.failure.length > 0) return 'failed';
  if (children.skipped !== undefined && children.skipped.length > 0) return 'skipped';
  return 'passed';
}

/** The worse of two statuses, for a test reported more than once. */
export function worseStatus(a: TestStatus, b: TestStatus): TestStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
