/**
 * `jest --json --outputFile=…` into a TestReport: one record per assertion result, and a
 * run-level error for every test file jest reports as "Test suite failed to run" (a module that
 * does not load, a syntax error, a file with no tests, a throwing afterAll). Such files have no
 * failed test, so they would otherwise read as zero failures while jest exits 1.
 *
 * The top-level counters are checked against the records and never used as totals.
 */
import { testIdentity, type ParseResult, type RunLevelError, type TestCaseRecord, type TestReport } from '../report.js';
import { assertionStatus } from './assertion-status.js';
import { failureMessage } from './failure-message.js';
import { JestResults, type AssertionResult, type FileResult } from './jest-json-schema.js';
import { projectRelative } from './project-relative.js';
import { suiteErrorMessage } from './suite-error-message.js';
import { readJsonReport } from '../json/read-json-report.js';
import { withUniqueIdentities } from '../identity/unique-identities.js';

export const JEST_JSON_FORMAT = 'jest-json';

const SUITE_FAILED_TO_RUN = /●\s+Test suite failed to run/;
const SUITE_SEPARATOR = ' > ';
const IDENTITY_SEPARATOR = ' › ';


/**
 * jest-junit with reportTestSuiteErrors adds, to the results jest then writes, an assertion
 * with no title and status "error" for each suite that failed to run. It is not a test.
 */
function isSyntheticSuiteError(assertion: AssertionResult): boolean {
  return assertion.status === 'error' && assertion.title === undefined && assertion.fullName === undefined;
}

function toRecord(assertion: AssertionResult, file: string, warnings: string[]): TestCaseRecord {
  const { status, known } = assertionStatus(assertion.status);
  const name = assertion.title ?? assertion.fullName ?? '(unnamed test)';
  if (!known) warnings.push(`${file}: test "${name}" has the unknown status "${assertion.status}"; counted as an error`);
  const duration = assertion.duration;
  return {
    // jest's own way of naming a test, with the file made project-relative (jest's `›`).
    id: [file, ...assertion.ancestorTitles, name].join(IDENTITY_SEPARATOR),
    suite: [file, ...assertion.ancestorTitles].join(SUITE_SEPARATOR),
    name,
    file,
    status,
    durationMs: typeof duration === 'number' && Number.isFinite(duration) && duration >= 0 ? duration : null,
    message:
      status === 'failed' || status === 'error'
        ? (failureMessage(assertion.failureMessages ?? []) ?? (known ? null : `unknown jest status "${assertion.status}"`))
        : assertion.status === 'todo'
          ? 'todo'
          : null,
  };
}

function suiteRunError(result: FileResult, file: string, records: readonly TestCaseRecord[]): RunLevelError | null {
  if (result.status !== 'failed') return null;
  const anyTestFailed = records.some((r) => r.status === 'failed' || r.status === 'error');
  if (anyTestFailed && !SUITE_FAILED_TO_RUN.test(result.message)) return null;
  return { kind: 'suite-load', where: file, message: suiteErrorMessage(result.message) };
}

function reconcile(results: JestResults, cases: readonly TestCaseRecord[], runErrors: readonly RunLevelError[], skippedAsTodo: number): string[] {
  const warnings: string[] = [];
  const count = (status: TestCaseRecord['status']) => cases.filter((c) => c.status === status).length;
  const pairs: [string, number, number][] = [
    ['numTotalTests', results.numTotalTests, cases.length],
    ['numPassedTests', results.numPassedTests, count('passed')],
    ['numFailedTests', results.numFailedTests, count('failed') + count('error')],
    ['numPendingTests', results.numPendingTests, count('skipped') - skippedAsTodo],
    ['numTodoTests', results.numTodoTests, skippedAsTodo],
    ['numRuntimeErrorTestSuites', results.numRuntimeErrorTestSuites, runErrors.length],
  ];
  for (const [field, said, found] of pairs) {
    if (said !== found) warnings.push(`${field} says ${said} but the test files hold ${found}`);
  }
  if (results.wasInterrupted === true) warnings.push('jest reports the run was interrupted');
  if (!results.success && cases.every((c) => c.status === 'passed' || c.status === 'skipped') && runErrors.length === 0 && cases.length > 0) {
    warnings.push('jest reports success: false though no test failed');
  }
  return warnings;
}

/** `projectRoot` is where jest ran (/workspace): test file paths are made relative to it. */
export function parseJestJson(text: string, file: string, projectRoot: string): ParseResult<TestReport> {
  const parsed = readJsonReport(text, file, JestResults, 'a jest --json report');
  if (!parsed.ok) return parsed;
  const results = parsed.value;

  const cases: TestCaseRecord[] = [];
  const runErrors: RunLevelError[] = [];
  const warnings: string[] = [];
  let todo = 0;
  for (const result of results.testResults) {
    const testFile = projectRelative(result.name, projectRoot);
    const assertions = result.assertionResults.filter((a) => !isSyntheticSuiteError(a));
    const records = assertions.map((a) => toRecord(a, testFile, warnings));
    todo += assertions.filter((a) => a.status === 'todo').length;
    cases.push(...records);
    const runError = suiteRunError(result, testFile, records);
    if (runError !== null) runErrors.push(runError);
  }
  warnings.push(...reconcile(results, cases, runErrors, todo));
  return { ok: true, value: { format: JEST_JSON_FORMAT, cases: withUniqueIdentities(cases, testIdentity), runErrors, warnings } };
}
