/**
 * `rspec --format json --out …` (rspec-core 3.x) into a TestReport: one record per example, and
 * a run-level error for every error RSpec counted outside of examples (see outside-errors.ts).
 * This file, not rspec_junit_formatter's XML, is the source of truth: the XML of a run whose
 * spec files failed to load says tests="0" errors="0".
 *
 * The summary's counters are checked against the records and never used as totals.
 */
import { ReportParseError, type ParseResult, type TestCaseRecord, type TestReport } from '../report.js';
import { exampleRecord } from './example-record.js';
import { outsideErrors } from './outside-errors.js';
import { RspecJson, type RspecSummary } from './rspec-json-schema.js';

export const RSPEC_JSON_FORMAT = 'rspec-json';

function failure(file: string, reason: string): ParseResult<TestReport> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

function reconcile(summary: RspecSummary | undefined, cases: readonly TestCaseRecord[]): string[] {
  if (summary === undefined) return ['the report has no summary (written by RSpec older than 3.6?)'];
  const count = (status: TestCaseRecord['status']) => cases.filter((c) => c.status === status).length;
  const pairs: [string, number, number][] = [
    ['example_count', summary.example_count, cases.length],
    ['failure_count', summary.failure_count, count('failed') + count('error')],
    ['pending_count', summary.pending_count, count('skipped')],
  ];
  return pairs.filter(([, said, found]) => said !== found).map(([field, said, found]) => `summary.${field} says ${said} but the report holds ${found}`);
}

/**
 * `projectRoot` is where RSpec ran (/workspace): example file paths are made relative to it.
 * `consoleOutput` is what RSpec printed, when kept: it explains errors the JSON only counts.
 */
export function parseRspecJson(text: string, file: string, projectRoot: string, consoleOutput = ''): ParseResult<TestReport> {
  if (text.trim() === '') return failure(file, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return failure(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = RspecJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return failure(file, `not an rspec --format json report${where}: ${issue?.message ?? 'unexpected structure'}`);
  }
  const report = parsed.data;
  const warnings: string[] = [];
  const cases = report.examples.map((example) => exampleRecord(example, projectRoot, warnings));
  const runErrors = outsideErrors(report.messages, report.summary?.errors_outside_of_examples_count ?? 0, projectRoot, consoleOutput);
  warnings.push(...reconcile(report.summary, cases));
  return { ok: true, value: { format: RSPEC_JSON_FORMAT, cases, runErrors, warnings } };
}
