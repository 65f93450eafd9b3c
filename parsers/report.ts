/**
 * The shapes every parser produces, whatever the toolchain: per-test records that look the same
 * for pytest, jest, maven, go and rake, so operators can compare proposals across languages.
 * Totals are never stored: they are derived from the records (see `tally`).
 */

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestCaseRecord {
  /**
   * The test's stable identity, matched across runs of the same project (a baseline and a
   * proposal): pytest's node id, JUnit's `classname#name`, go's `package/TestX/sub`, ... Absent
   * where a parser does not give one yet: see `testIdentity`.
   */
  readonly id?: string | undefined;
  /** Suite or class the test belongs to ("tests.test_calc"); "" when the runner gives none. */
  readonly suite: string;
  readonly name: string;
  /** Source file relative to the project root when the report says it, else null. */
  readonly file: string | null;
  readonly status: TestStatus;
  /** Milliseconds; null when the report has no usable time. */
  readonly durationMs: number | null;
  /** First line(s) of the failure, error or skip message; null for a pass. */
  readonly message: string | null;
  /**
   * Failed or errored, then passed when run again in the same sandbox: its status is that pass,
   * and it is named as flaky, never counted as broken. Absent when it was not run again.
   */
  readonly flaky?: boolean | undefined;
}

/** The identity a test is matched by across runs: its parser's `id`, else suite and name. */
export function testIdentity(record: Pick<TestCaseRecord, 'id' | 'suite' | 'name'>): string {
  if (record.id !== undefined && record.id !== '') return record.id;
  return record.suite === '' ? record.name : `${record.suite}::${record.name}`;
}

/** A failure that is not one test: a module that does not import, a suite that fails to load. */
export interface RunLevelError {
  readonly kind: 'collection' | 'suite-load' | 'build' | 'internal';
  /** What failed to load, e.g. "tests/test_broken.py". */
  readonly where: string;
  readonly message: string;
}

export interface TestReport {
  readonly format: string;
  readonly cases: readonly TestCaseRecord[];
  readonly runErrors: readonly RunLevelError[];
  /** Disagreements between the report's own attributes and its test cases, for the record. */
  readonly warnings: readonly string[];
  /** What was cut to keep the report bounded (parsers/caps/); absent when nothing was. */
  readonly truncation?: ReportTruncation | undefined;
}

export interface ReportTruncation {
  /** Test cases counted but not kept as records: totals add them back. */
  readonly omitted: TestTotals;
  /** Run-level errors counted but not kept. */
  readonly omittedRunErrors: number;
  /** One line per kind of cut: "200,000 test cases reported; the first 10,000 failures and errors kept". */
  readonly notes: readonly string[];
}

export interface TestTotals {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
}

export interface CoverageSummary {
  readonly format: string;
  /** Percent of lines covered, 0-100; null when the report measured no lines at all. */
  readonly linesPct: number | null;
  readonly linesCovered: number;
  readonly linesValid: number;
  /** Percent of branches covered, 0-100; null when branches were not measured. */
  readonly branchesPct: number | null;
  readonly branchesCovered: number;
  readonly branchesValid: number;
}

export class ReportParseError extends Error {
  override readonly name = 'ReportParseError';
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ReportParseError };

export function tally(cases: readonly TestCaseRecord[]): TestTotals {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.status === 'passed') passed++;
    else if (c.status === 'failed') failed++;
    else if (c.status === 'error') errors++;
    else skipped++;
  }
  return { total: cases.length, passed, failed, errors, skipped };
}

/** The test cases' counts, including those a capped report counted without keeping. */
export function caseTotals(report: TestReport): TestTotals {
  const kept = tally(report.cases);
  const omitted = report.truncation?.omitted;
  if (omitted === undefined) return kept;
  return {
    total: kept.total + omitted.total,
    passed: kept.passed + omitted.passed,
    failed: kept.failed + omitted.failed,
    errors: kept.errors + omitted.errors,
    skipped: kept.skipped + omitted.skipped,
  };
}

/**
 * The counts a runner's own summary shows: the test cases, plus run-level errors (a module that
 * does not import counts as an error in pytest's "1 error", though it is no test).
 */
export function reportTotals(report: TestReport | null): TestTotals {
  if (report === null) return tally([]);
  const counts = caseTotals(report);
  return { ...counts, errors: counts.errors + report.runErrors.length + (report.truncation?.omittedRunErrors ?? 0) };
}
