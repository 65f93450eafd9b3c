/**
 * `rspec --format json --out …` (rspec-core 3.x) into a TestReport: one record per example, and
 * a run-level error for every error RSpec counted outside of examples (see outside-errors.ts).
 * This file, not rspec_junit_formatter's XML, is the source of truth: the XML of a run whose
 * spec files failed to load says tests="0" errors="0".
 *
 * The summary's counters are checked against the records and never used as totals.
 */
import { testIdentity, type ParseResult, type TestCaseRecord, type TestReport } from '../report.js';
import { exampleRecord } from './example-record.js';
import { withUniqueIdentities } from '../identity/unique-identities.js';
import { outsideErrors } from './outside-errors.js';
import { RspecJson, type RspecSummary } from './rspec-json-schema.js';
import { readJsonReport } from '../json/read-json-report.js';

export const RSPEC_JSON_FORMAT = 'rspec-json';


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
  const parsed = readJsonReport(text, file, RspecJson, 'an rspec --format json report');
  if (!parsed.ok) return parsed;
  const report = parsed.value;
  const warnings: string[] = [];
  const cases = withUniqueIdentities(report.examples.map((example) => exampleRecord(example, projectRoot, warnings)), testIdentity);
  const runErrors = outsideErrors(report.messages, report.summary?.errors_outside_of_examples_count ?? 0, projectRoot, consoleOutput);
  warnings.push(...reconcile(report.summary, cases));
  return { ok: true, value: { format: RSPEC_JSON_FORMAT, cases, runErrors, warnings } };
}
