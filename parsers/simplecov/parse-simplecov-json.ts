/**
 * The sandbox formatter's `coverage.json` into a CoverageSummary: the counts SimpleCov itself
 * computed (`covered_lines` of `total_lines`, the "8 / 13 LOC" it prints), so `# :nocov:` blocks
 * are left out as SimpleCov leaves them out, which a recount of `.resultset.json` cannot do.
 * The formatter runs whenever SimpleCov formats a result, failing runs included, unless the
 * project sets formatters of its own; `.resultset.json` is the fallback then.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { SandboxCoverageJson } from './sandbox-json-schema.js';
import { readJsonReport } from '../json/read-json-report.js';

export const SIMPLECOV_JSON_FORMAT = 'simplecov-json';

function failure(file: string, reason: string): ParseResult<CoverageSummary> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

export function parseSimpleCovJson(text: string, file: string): ParseResult<CoverageSummary> {
  const parsed = readJsonReport(text, file, SandboxCoverageJson, 'the sandbox SimpleCov JSON');
  if (!parsed.ok) return parsed;
  const totals = parsed.value;
  if (totals.covered_lines > totals.total_lines) return failure(file, `covered_lines ${totals.covered_lines} exceeds total_lines ${totals.total_lines}`);
  const branchesCovered = totals.covered_branches ?? 0;
  const branchesValid = totals.total_branches ?? 0;
  if (branchesCovered > branchesValid) return failure(file, `covered_branches ${branchesCovered} exceeds total_branches ${branchesValid}`);
  return {
    ok: true,
    value: {
      format: SIMPLECOV_JSON_FORMAT,
      linesPct: percentOf(totals.covered_lines, totals.total_lines),
      linesCovered: totals.covered_lines,
      linesValid: totals.total_lines,
      branchesPct: percentOf(branchesCovered, branchesValid),
      branchesCovered,
      branchesValid,
    },
  };
}
