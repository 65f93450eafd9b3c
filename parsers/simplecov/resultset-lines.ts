/**
 * SimpleCov's `.resultset.json` per-line hits as LineCoverage, files keyed by project path (the
 * resultset names them absolutely, under the sandbox's workspace). Command entries are merged
 * as SimpleCov merges them (merge-results.ts); null is "not a relevant line".
 */
import { LineCoverageBuilder, underRoot, type LineCoverage } from '../coverage/line-coverage.js';
import { readJsonReport } from '../json/read-json-report.js';
import type { ParseResult } from '../report.js';
import { mergeResults } from './merge-results.js';
import { ResultSet } from './resultset-schema.js';

export const SIMPLECOV_LINES_FORMAT = 'simplecov-lines';

export function parseResultSetLines(text: string, file: string, root: string): ParseResult<LineCoverage> {
  const parsed = readJsonReport(text, file, ResultSet, 'a SimpleCov .resultset.json');
  if (!parsed.ok) return parsed;
  const builder = new LineCoverageBuilder();
  for (const [path, merged] of mergeResults(parsed.value)) {
    const key = underRoot(path, root);
    if (key === null) continue;
    builder.touch(key);
    merged.lines.forEach((hits, index) => {
      if (hits !== null) builder.add(key, index + 1, hits > 0);
    });
  }
  return { ok: true, value: builder.build(SIMPLECOV_LINES_FORMAT) };
}
