/**
 * istanbul's coverage-summary.json (jest `--coverageReporters=json-summary`) into a
 * CoverageSummary, from the `total` entry. The percentage is istanbul's own `pct`, the figure
 * jest prints; "Unknown" (nothing measured) becomes null, never 100.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { CoverageSummaryJson, type Counter } from './istanbul-summary-schema.js';

export const ISTANBUL_SUMMARY_FORMAT = 'istanbul-summary';

function failure(file: string, reason: string): ParseResult<CoverageSummary> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

function pct(counter: Counter): number | null {
  if (counter.total === 0) return null;
  return typeof counter.pct === 'number' ? counter.pct : percentOf(counter.covered, counter.total);
}

export function parseIstanbulSummary(text: string, file: string): ParseResult<CoverageSummary> {
  if (text.trim() === '') return failure(file, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return failure(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = CoverageSummaryJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return failure(file, `not an istanbul coverage summary${where}: ${issue?.message ?? 'unexpected structure'}`);
  }
  const { lines, branches } = parsed.data.total;
  for (const [kind, counter] of [['lines', lines], ['branches', branches]] as const) {
    if (counter !== undefined && counter.covered > counter.total) {
      return failure(file, `total.${kind}.covered (${counter.covered}) exceeds total.${kind}.total (${counter.total})`);
    }
  }
  return {
    ok: true,
    value: {
      format: ISTANBUL_SUMMARY_FORMAT,
      linesPct: pct(lines),
      linesCovered: lines.covered,
      linesValid: lines.total,
      branchesPct: branches === undefined ? null : pct(branches),
      branchesCovered: branches?.covered ?? 0,
      branchesValid: branches?.total ?? 0,
    },
  };
}
