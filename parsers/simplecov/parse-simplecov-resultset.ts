/**
 * SimpleCov's `.resultset.json` into a CoverageSummary. This file, not `.last_run.json`, is the
 * source: SimpleCov writes `.last_run.json` only when the test process exited 0 (after a failing
 * RSpec run it prints "Stopped processing SimpleCov as a previous error not related to SimpleCov
 * has been detected" and leaves it out), and its figures are floored to two decimals.
 *
 * Lines: a non-null entry is a relevant line, a positive one a covered line (as SimpleCov counts
 * "8 / 13 LOC"). Branches: every inner entry is one branch, covered when hit at least once.
 * `# :nocov:` blocks are not applied in this file, so a figure can differ slightly from SimpleCov's.
 */
import { percentOf } from '../coverage/percent.js';
import { type CoverageSummary, type ParseResult } from '../report.js';
import { mergeResults } from './merge-results.js';
import { ResultSet } from './resultset-schema.js';
import { readJsonReport } from '../json/read-json-report.js';

export const SIMPLECOV_FORMAT = 'simplecov-resultset';


export function parseSimpleCovResultSet(text: string, file: string): ParseResult<CoverageSummary> {
  const parsed = readJsonReport(text, file, ResultSet, 'a SimpleCov .resultset.json');
  if (!parsed.ok) return parsed;

  let linesValid = 0;
  let linesCovered = 0;
  let branchesValid = 0;
  let branchesCovered = 0;
  for (const merged of mergeResults(parsed.value).values()) {
    for (const hits of merged.lines) {
      if (hits === null) continue;
      linesValid++;
      if (hits > 0) linesCovered++;
    }
    for (const branches of Object.values(merged.branches ?? {})) {
      for (const hits of Object.values(branches)) {
        branchesValid++;
        if (hits > 0) branchesCovered++;
      }
    }
  }
  return {
    ok: true,
    value: {
      format: SIMPLECOV_FORMAT,
      linesPct: percentOf(linesCovered, linesValid),
      linesCovered,
      linesValid,
      branchesPct: percentOf(branchesCovered, branchesValid),
      branchesCovered,
      branchesValid,
    },
  };
}
