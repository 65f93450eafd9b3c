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
 * `-func` counts only blocks inside function declarations, which needs the sources: given the
 * functions' extents (parse-go-func-extents.ts), blocks outside them are left out as `-func`
 * leaves them out (a package-level `var _ = func() {…}`: go-cmp 0.5.9 reads 90.3% counting it,
 * 91.3% as `-func` prints). Without extents, or for a file they do not list, every block counts.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { insideAFunction, type FuncExtents } from './parse-go-func-extents.js';

export const GO_COVERPROFILE_FORMAT = 'go-coverprofile';

const MODE = /^mode: (set|count|atomic)$/;
const BLOCK = /^(.+):((\d+)\.(\d+),(\d+)\.(\d+)) (\d+) (\d+)$/;

interface Block {
  readonly statements: number;
  count: number;
  /** Whether `go tool cover -func` counts it: inside a function, or in a file without extents. */
  readonly counted: boolean;
}

export function parseGoCoverprofile(text: string, file: string, functions: FuncExtents = new Map()): ParseResult<CoverageSummary> {
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
    const [, name = '', span = '', startLine, startCol, endLine, endCol, statementsText, countText] = match;
    const key = `${name}:${span}`;
    const statements = Number(statementsText);
    const count = Number(countText);
    const seen = blocks.get(key);
    const extents = functions.get(name);
    const counted = extents === undefined || insideAFunction(extents, Number(startLine), Number(startCol), Number(endLine), Number(endCol));
    if (seen === undefined) blocks.set(key, { statements, count, counted });
    else if (seen.statements !== statements) return fail(`inconsistent statement counts for ${key}: ${seen.statements} and ${statements}`);
    else seen.count = mode === 'set' ? Math.max(seen.count, count) : seen.count + count;
  }

  let statements = 0;
  let covered = 0;
  for (const block of blocks.values()) {
    if (!block.counted) continue;
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
