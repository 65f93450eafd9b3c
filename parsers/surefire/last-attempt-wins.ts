/**
 * Surefire writes one file per test class and run, so a test can appear in several files: a
 * second plugin execution with its own reportsDirectory, or surefire 3's rerun of a `@Nested`
 * class written to the outer class's file (docs/reports.md §1.4). Each file is one attempt;
 * given the files in the order they were written, the last attempt is the result. Within one
 * file duplicates are already folded by parseJUnit (worse status wins), and a rerun that passed
 * inside one file has only `<flakyFailure>` children, which read as passed.
 */
import type { TestCaseRecord } from '../report.js';

export interface Attempts {
  readonly cases: readonly TestCaseRecord[];
  /** One line per test reported by more than one file. */
  readonly notes: readonly string[];
}

const identity = (record: TestCaseRecord): string => `${record.suite}\u0000${record.name}`;

/** `perFile` in writing order; the result keeps each test where it first appeared. */
export function lastAttemptWins(perFile: readonly (readonly TestCaseRecord[])[]): Attempts {
  const latest = new Map<string, TestCaseRecord>();
  const history = new Map<string, TestCaseRecord[]>();
  for (const records of perFile) {
    for (const record of records) {
      const key = identity(record);
      latest.set(key, record);
      history.set(key, [...(history.get(key) ?? []), record]);
    }
  }
  const notes: string[] = [];
  for (const [key, attempts] of history) {
    const last = latest.get(key);
    if (attempts.length > 1 && last !== undefined) {
      const statuses = attempts.map((a) => a.status).join(' → ');
      notes.push(`${last.suite}::${last.name} was reported by ${attempts.length} files (${statuses}); the last attempt counts`);
    }
  }
  return { cases: [...latest.values()], notes };
}
