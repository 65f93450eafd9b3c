/**
 * istanbul's coverage-summary.json (jest `--coverageReporters=json-summary`) into a
 * CoverageSummary, from the `total` entry. The percentage is istanbul's own `pct`, the figure
 * jest prints; "Unknown" (nothing measured) becomes null, never 100.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { CoverageSummaryJson, type Counter } from './istanbul-summary-schema.js';
import { readJsonReport } from '../json/read-json-report.js';

export const ISTANBUL_SUMMARY_FORMAT = 'istanbul-summary';

function failure(file: string, reason: string): ParseResult<CoverageSummary> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

function pct(counter: Counter): number | null {
  if (counter.total === 0) return null;
  return typeof counter.pct === 'number' ? counter.pct : percentOf(counter.covered, counter.total);
}

export function parseIstanbulSummary(text: string, file: string): ParseResult<CoverageSummary> {
  const parsed = readJsonReport(text, file, CoverageSummaryJson, 'an istanbul coverage summary');
  if (!parsed.ok) return parsed;
  const { lines, branches } = parsed.value.total;
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
