/**
 * istanbul's `json` reporter (coverage-final.json: per file a statementMap and the hit count of
 * each statement `s`) as LineCoverage, files keyed by project path. Lines as istanbul's own
 * getLineCoverage counts them: a line is executable when a statement starts on it, covered when
 * the most-run statement starting on it ran.
 */
import { z } from 'zod';
import { LineCoverageBuilder, underRoot, type LineCoverage } from '../coverage/line-coverage.js';
import { readJsonReport } from '../json/read-json-report.js';
import type { ParseResult } from '../report.js';

export const ISTANBUL_FINAL_FORMAT = 'istanbul-final';

const Position = z.object({ line: z.number().int() }).passthrough();
const FileCoverage = z.object({
  path: z.string().optional(),
  statementMap: z.record(z.string(), z.object({ start: Position }).passthrough()),
  s: z.record(z.string(), z.number()),
});
const CoverageFinal = z.record(z.string(), FileCoverage);

export function parseIstanbulFinal(text: string, file: string, root: string): ParseResult<LineCoverage> {
  const parsed = readJsonReport(text, file, CoverageFinal, "istanbul's coverage-final.json");
  if (!parsed.ok) return parsed;
  const builder = new LineCoverageBuilder();
  for (const [name, coverage] of Object.entries(parsed.value)) {
    const key = underRoot(coverage.path ?? name, root);
    if (key === null) continue;
    builder.touch(key);
    for (const [id, statement] of Object.entries(coverage.statementMap)) {
      const hits = coverage.s[id];
      if (hits !== undefined) builder.add(key, statement.start.line, hits > 0);
    }
  }
  return { ok: true, value: builder.build(ISTANBUL_FINAL_FORMAT) };
}
