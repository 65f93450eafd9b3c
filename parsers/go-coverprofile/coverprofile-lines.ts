/**
 * A Go coverage profile's blocks (`example.com/kit/calc/calc.go:13.33,14.12 1 1`) as
 * LineCoverage, files keyed by project path through `go list`'s import path → directory listing.
 * Every line a block with statements spans is executable; a line is covered when any block on it
 * ran (the `if` line of an untaken body is covered, the body's lines are not). Duplicate blocks
 * (-coverpkg, concatenated profiles) merge the same way: covered when any copy ran.
 */
import { LineCoverageBuilder, underRoot, type LineCoverage } from '../coverage/line-coverage.js';
import { ReportParseError, type ParseResult } from '../report.js';

export const GO_COVERPROFILE_LINES_FORMAT = 'go-coverprofile-lines';

const MODE = /^mode: (set|count|atomic)$/;
const BLOCK = /^(.+)\/([^/]+\.go):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/;
/** A block spanning more lines than this is no block go wrote. */
const MAX_BLOCK_LINES = 100_000;

/** "<import path>\t<absolute dir>" lines (go list) → import path → project-relative folder ("" for the root). */
export function packageDirs(listing: string, root: string): ReadonlyMap<string, string> {
  const dirs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const [importPath = '', dir = ''] = line.split('\t');
    const trimmed = dir.trim();
    const relative = trimmed === root ? '' : underRoot(trimmed, root);
    if (importPath !== '' && relative !== null) dirs.set(importPath, relative);
  }
  return dirs;
}

export function parseCoverprofileLines(text: string, file: string, dirs: ReadonlyMap<string, string>): ParseResult<LineCoverage> {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (!MODE.test(lines[first]?.trim() ?? '')) return { ok: false, error: new ReportParseError(file, 'not a Go coverage profile: the first line is not "mode: set|count|atomic"') };
  const builder = new LineCoverageBuilder();
  for (let index = first + 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || MODE.test(line)) continue;
    const match = BLOCK.exec(line);
    if (match === null) return { ok: false, error: new ReportParseError(file, `line ${index + 1} is not a coverage block: ${line.slice(0, 120)}`) };
    const [, importPath = '', name = '', start = '', end = '', statements = '', count = ''] = match;
    const dir = dirs.get(importPath);
    // A package go list did not place in the project (a dependency under -coverpkg): no project file.
    if (dir === undefined) continue;
    const key = dir === '' ? name : `${dir}/${name}`;
    builder.touch(key);
    const from = Number(start);
    const to = Number(end);
    if (Number(statements) === 0 || to < from || to - from > MAX_BLOCK_LINES) continue;
    for (let n = from; n <= to; n++) builder.add(key, n, Number(count) > 0);
  }
  return { ok: true, value: builder.build(GO_COVERPROFILE_LINES_FORMAT) };
}
