/**
 * All of one Maven run's Surefire reports (TEST-*.xml under each module's target/surefire-reports)
 * into one TestReport. Each file is read by the JUnit parser; then:
 * - files are merged in the order they were written, a test reported by several files counting
 *   as its last attempt (last-attempt-wins.ts);
 * - a class that failed as a whole becomes a run-level error naming its file
 *   (class-level-failure.ts), since none of its tests ran;
 * - a file that cannot be read (truncated when the JVM died mid-write) is a run-level error
 *   too: dropping it would silently drop a class's failures.
 */
import { parseJUnit } from '../junit/parse-junit.js';
import type { ParseResult, RunLevelError, TestCaseRecord, TestReport } from '../report.js';
import { isClassLevelFailure } from './class-level-failure.js';
import { lastAttemptWins } from './last-attempt-wins.js';
import { testClassFile } from './test-class-file.js';

export const SUREFIRE_FORMAT = 'surefire';

export interface SurefireReportFile {
  /** Path relative to the project root, e.g. "core/target/surefire-reports/TEST-x.CalcTest.xml". */
  readonly path: string;
  readonly text: string;
}

export interface SurefireInput {
  /** In the order Surefire wrote them. */
  readonly files: readonly SurefireReportFile[];
  /** Every test source file of the project, relative to its root, to name each test's file. */
  readonly testSources: ReadonlySet<string>;
}

/** Never fails as a whole: an unreadable file becomes a run-level error instead. */
export async function parseSurefireReports(input: SurefireInput): Promise<ParseResult<TestReport>> {
  const perFile: TestCaseRecord[][] = [];
  const runErrors: RunLevelError[] = [];
  const warnings: string[] = [];

  for (const report of input.files) {
    const parsed = await parseJUnit(report.text, report.path);
    if (!parsed.ok) {
      runErrors.push({ kind: 'internal', where: report.path, message: `unreadable Surefire report: ${parsed.error.reason}` });
      continue;
    }
    runErrors.push(...parsed.value.runErrors);
    warnings.push(...parsed.value.warnings.map((w) => `${report.path}: ${w}`));
    const records: TestCaseRecord[] = [];
    for (const record of parsed.value.cases) {
      const file = testClassFile(report.path, record.suite, input.testSources);
      if (isClassLevelFailure(record)) {
        runErrors.push({ kind: 'suite-load', where: file ?? record.suite, message: record.message ?? `${record.suite} failed before its tests ran` });
      } else {
        records.push({ ...record, file: record.file ?? file });
      }
    }
    perFile.push(records);
  }

  const merged = lastAttemptWins(perFile);
  return {
    ok: true,
    value: { format: SUREFIRE_FORMAT, cases: merged.cases, runErrors, warnings: [...warnings, ...merged.notes] },
  };
}
