/**
 * Sets each record's stable identity (TestCaseRecord.id) from a toolchain's rule, and keeps it
 * unique within the run: a second record with the same identity (two jest tests with the same
 * name in one describe, a test go runs twice) gets " (2)", the third " (3)", in report order.
 * Report order is the runner's own order, so the same project gives the same identities run
 * after run; a duplicate added before another shifts the suffixes, which is the best a name
 * shared by two tests allows.
 */
import type { TestCaseRecord, TestReport } from '../report.js';

export function withUniqueIdentities(cases: readonly TestCaseRecord[], identityOf: (record: TestCaseRecord) => string): TestCaseRecord[] {
  const seen = new Map<string, number>();
  return cases.map((record) => {
    const base = identityOf(record);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { ...record, id: count === 1 ? base : `${base} (${count})` };
  });
}

/** The report with every case's identity set (see withUniqueIdentities). */
export function identifyReport(report: TestReport, identityOf: (record: TestCaseRecord) => string): TestReport {
  return { ...report, cases: withUniqueIdentities(report.cases, identityOf) };
}

/** JUnit's `classname#name` (Surefire, minitest, a --test-command's JUnit); the name alone without a classname. */
export function junitIdentity(record: Pick<TestCaseRecord, 'suite' | 'name'>): string {
  return record.suite === '' ? record.name : `${record.suite}#${record.name}`;
}
