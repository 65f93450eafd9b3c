/**
 * A Go coverage profile (`go test -coverprofile`) into a CoverageSummary, with the number
 * `go tool cover -func` prints as its total: covered statements / statements. Go measures
 * statements, not lines, so linesCovered/linesValid count statements; Go has no branch coverage.
 *
 * Format (golang.org/x/tools/cover): a `mode: set|count|atomic` line, then one block a line,
 * `file.go:startLine.startCol,endLine.endCol numStmt count`, file named by import path.
 * The same block appears more than once with -coverpkg (every test binary reports every covered
 * package) and in concatenated profiles, which also repeat the mode line: duplicates are merged
 * as go's own reader merges them (set: either hit; count/atomic: summed), or the statements
 * would be counted once per test binary (test/fixtures/reports/go/coverpkg).
 * `-func` counts only blocks inside function declarations, which needs the sources; this counts
 * every block, which differs only for package-level function literals.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';

export const GO_COVERPROFILE_FORMAT = 'go-coverprofile';

const MODE = /^mode: (set|count|atomic)$/;
const BLOCK = /^(.+):(\d+\.\d+,\d+\.\d+) (\d+) (\d+)$/;

interface Block {
  readonly statements: number;
  count: number;
}

export function parseGoCoverprofile(text: string, file: string): ParseResult<CoverageSummary> {
  const fail = (reason: string): ParseResult<CoverageSummary> => ({ ok: false, error: new ReportParseError(file, reason) });
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  const mode = MODE.exec(lines[first]?.trim() ?? '')?.[1];
  if (mode === undefined) return fail('not a Go coverage profile: the first line is not "mode: set|count|atomic"');

  const blocks = new Map<string, Block>();
  for (let index = first + 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || MODE.test(line)) continue;
    const match = BLOCK.exec(line);
    if (match === null) return fail(`line ${index + 1} is not a coverage block: ${line.slice(0, 120)}`);
    const key = `${match[1]}:${match[2]}`;
    const statements = Number(match[3]);
    const count = Number(match[4]);
    const seen = blocks.get(key);
    if (seen === undefined) blocks.set(key, { statements, count });
    else if (seen.statements !== statements) return fail(`inconsistent statement counts for ${key}: ${seen.statements} and ${statements}`);
    else seen.count = mode === 'set' ? Math.max(seen.count, count) : seen.count + count;
  }

  let statements = 0;
  let covered = 0;
  for (const block of blocks.values()) {
    statements += block.statements;
    if (block.count > 0) covered += block.statements;
  }
  return {
    ok: true,
    value: {
      format: GO_COVERPROFILE_FORMAT,
      linesPct: percentOf(covered, statements),
      linesCovered: covered,
      linesValid: statements,
      branchesPct: null,
      branchesCovered: 0,
      branchesValid: 0,
    },
  };
}
