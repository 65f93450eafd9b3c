/**
 * Reads what the Go test script left under REPORT_DIR (go-report-files.ts) into CollectedReports:
 * the `go test -json` stream (with stderr for compiler errors) as the tests, each test placed in
 * its file, and the coverage profile as the coverage summary, counted inside functions only.
 */
import { parseGoCoverprofile } from '../../../parsers/go-coverprofile/parse-go-coverprofile.js';
import { parseGoFuncExtents } from '../../../parsers/go-coverprofile/parse-go-func-extents.js';
import { parseGoTestJson } from '../../../parsers/go-test-json/parse-go-test-json.js';
import { identifyReport } from '../../../parsers/identity/unique-identities.js';
import { ReportParseError, type TestCaseRecord, type TestReport } from '../../../parsers/report.js';
import type { CollectedReports } from '../toolchain.js';
import { GO_REPORTS } from './go-report-files.js';
import { testFileIndex, withTestFiles } from './test-file-index.js';

const text = (file: Buffer | undefined): string => file?.toString('utf8') ?? '';

/**
 * go test that failed before its first event (a go.mod this Go refuses, a bad flag) leaves an
 * empty stream: that is no "no tests" but a run that did not happen, said in go's own words.
 */
function withEarlyExit(report: TestReport, exitCode: string, stderr: string): TestReport {
  if (report.cases.length > 0 || report.runErrors.length > 0 || exitCode === '' || exitCode === '0') return report;
  const said = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '');
  const message = said ?? `go test exited with code ${exitCode} before running any test`;
  return { ...report, runErrors: [{ kind: 'internal', where: 'go test', message }] };
}

/** go's own full name of a test, after its package's import path: `example.com/calc/TestTable/bad_case`. */
export function goIdentity(record: TestCaseRecord): string {
  return `${record.suite}/${record.name}`;
}

export function collectGoReports(files: ReadonlyMap<string, Buffer>): CollectedReports {
  const events = files.get(GO_REPORTS.events);
  const stderr = text(files.get(GO_REPORTS.stderr));
  let tests: TestReport | null = null;
  let testsProblem: ReportParseError | null = null;
  if (events === undefined) {
    testsProblem = new ReportParseError(GO_REPORTS.events, 'no report was written');
  } else {
    const parsed = parseGoTestJson(events.toString('utf8'), GO_REPORTS.events, stderr);
    if (parsed.ok) {
      const index = testFileIndex(text(files.get(GO_REPORTS.packages)), text(files.get(GO_REPORTS.testFuncs)));
      tests = identifyReport(withEarlyExit(withTestFiles(parsed.value, index), text(files.get(GO_REPORTS.exitCode)).trim(), stderr), goIdentity);
    } else {
      testsProblem = parsed.error;
    }
  }

  const profile = files.get(GO_REPORTS.coverprofile);
  // Without the helper's listing (an older image), every block counts: -func's total or a bit under.
  const functions = parseGoFuncExtents(text(files.get(GO_REPORTS.funcExtents)));
  const coverage = profile === undefined ? null : parseGoCoverprofile(profile.toString('utf8'), GO_REPORTS.coverprofile, functions);
  return {
    tests,
    testsProblem,
    coverage: coverage?.ok ? coverage.value : null,
    // go writes no profile when no package built; that is said by the tests' verdict already.
    coverageProblem: coverage === null ? new ReportParseError(GO_REPORTS.coverprofile, 'no report was written') : coverage.ok ? null : coverage.error,
  };
}
