/**
 * Merging a rerun of the failing tests into the first run's records, by identity (pure). A test
 * that failed or errored and passed on a rerun takes the pass, marked flaky, its first failure
 * kept as its message; anything else the rerun says (a failure again, a skip, a test it did not
 * run, a test nobody asked about) leaves the first run's record as it was.
 */
import { testIdentity, type TestCaseRecord, type TestReport } from '../../parsers/report.js';

export interface FlakyTest {
  /** Its identity (testIdentity). */
  readonly id: string;
  /** Which rerun it passed on, from 1. */
  readonly rerun: number;
}

const failing = (record: TestCaseRecord) => record.status === 'failed' || record.status === 'error';

/** The identities of the tests that still fail or error, in report order. */
export function failingIdentities(report: TestReport): string[] {
  return report.cases.filter(failing).map(testIdentity);
}

export function mergeRerun(first: TestReport, rerun: TestReport, rerunNumber: number): { report: TestReport; flaky: FlakyTest[] } {
  const passedAgain = new Set(rerun.cases.filter((c) => c.status === 'passed').map(testIdentity));
  const flaky: FlakyTest[] = [];
  const cases = first.cases.map((record): TestCaseRecord => {
    const id = testIdentity(record);
    if (!failing(record) || !passedAgain.has(id)) return record;
    flaky.push({ id, rerun: rerunNumber });
    const said = record.message === null ? '' : `: ${record.message}`;
    return { ...record, status: 'passed', flaky: true, message: `failed, then passed on rerun ${rerunNumber}${said}` };
  });
  return { report: { ...first, cases }, flaky };
}

/** "1 flaky: tests/test_x.py::test_y passed on rerun 1"; null when none. */
export function flakyNote(flaky: readonly FlakyTest[], shown = 5): string | null {
  if (flaky.length === 0) return null;
  const named = flaky.slice(0, shown).map((f) => `${f.id.length > 200 ? `${f.id.slice(0, 200)}…` : f.id} passed on rerun ${f.rerun}`);
  const more = flaky.length > shown ? ` and ${flaky.length - shown} more` : '';
  return `${flaky.length} flaky: ${named.join(', ')}${more}`;
}
