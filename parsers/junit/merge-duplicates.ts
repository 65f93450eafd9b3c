/**
 * Folds test cases reported more than once into one record.
 *
 * pytest writes two `<testcase>` elements with the same classname and name when a test fails in
 * its call and then errors in teardown (pytest `junitxml.py`, `cnt_double_fail_tests`): one with
 * `<failure>`, one with `<error>`. It is one test, so it becomes one record: the worse status,
 * both messages, and the summed time (the two elements time different phases).
 */
import type { TestCaseRecord } from '../report.js';
import { worseStatus } from './case-status.js';

function identity(record: TestCaseRecord): string {
  return `${record.suite}\u0000${record.name}`;
}

function merge(first: TestCaseRecord, second: TestCaseRecord): TestCaseRecord {
  const messages = [first.message, second.message].filter((m): m is string => m !== null);
  const distinct = [...new Set(messages)];
  return {
    suite: first.suite,
    name: first.name,
    file: first.file ?? second.file,
    status: worseStatus(first.status, second.status),
    durationMs:
      first.durationMs === null && second.durationMs === null
        ? null
        : Math.round(((first.durationMs ?? 0) + (second.durationMs ?? 0)) * 1000) / 1000,
    message: distinct.length === 0 ? null : distinct.join('\n'),
  };
}

export interface MergedCases {
  readonly cases: readonly TestCaseRecord[];
  /** One line per test that appeared more than once, for TestReport.warnings. */
  readonly notes: readonly string[];
}

/** Keeps first-appearance order. */
export function mergeDuplicates(records: readonly TestCaseRecord[]): MergedCases {
  const byIdentity = new Map<string, TestCaseRecord>();
  const seen = new Map<string, number>();
  for (const record of records) {
    const key = identity(record);
    const earlier = byIdentity.get(key);
    byIdentity.set(key, earlier === undefined ? record : merge(earlier, record));
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const notes: string[] = [];
  for (const [key, count] of seen) {
    const record = byIdentity.get(key);
    if (count > 1 && record !== undefined) {
      const label = record.suite === '' ? record.name : `${record.suite}::${record.name}`;
      notes.push(`${label} appears in ${count} <testcase> elements; merged into one ${record.status} record`);
    }
  }
  return { cases: [...byIdentity.values()], notes };
}
