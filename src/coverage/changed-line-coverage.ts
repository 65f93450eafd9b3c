/**
 * Changed-line coverage (diff-cover's idea): of the executable lines a change added or modified,
 * how many the run executed. Executable means the coverage report lists the line; a changed
 * file the report does not list at all is `unmeasured` when it looks like code (no test, by the
 * toolchain's extensions), and counts neither way. Pure; what it returns is bounded (file lists
 * and ranges capped) because it is recorded with the validation.
 */
import type { LineCoverage } from '../../parsers/coverage/line-coverage.js';
import { percentOf } from '../../parsers/coverage/percent.js';
import { changedLines, type DiffBounds, DIFF_BOUNDS } from './line-diff.js';
import { lineRanges } from './line-ranges.js';

/** One written text file: its content before the change (null: new) and after. */
export interface ChangedText {
  readonly path: string;
  readonly before: string | null;
  readonly after: string;
}

export interface ChangedFileCoverage {
  readonly file: string;
  readonly total: number;
  readonly covered: number;
}

export interface UncoveredLines {
  readonly file: string;
  /** "12-14, 20". */
  readonly lines: string;
}

export interface ChangedLinesSummary {
  /** Executable lines the change added or modified. */
  readonly total: number;
  readonly covered: number;
  /** 0-100, two decimals; null when no executable line changed. */
  readonly pct: number | null;
  /** Files with changed lines not covered, in path order, up to MAX_FILES_LISTED. */
  readonly uncovered: readonly UncoveredLines[];
  /** Covered and total changed executable lines per file, for files with any, up to MAX_FILES_LISTED. */
  readonly files: readonly ChangedFileCoverage[];
  /** Changed code files the coverage report does not list (never loaded by a test, or left out by the project's configuration). */
  readonly unmeasured: readonly string[];
  /** Files left out of the lists above for the caps: counts still include them. */
  readonly filesOmitted: number;
  /** false when a file was too big to diff exactly and every line between its common head and tail counted as changed. */
  readonly exact: boolean;
}

export const MAX_FILES_LISTED = 50;
export const MAX_RANGES_PER_FILE = 50;

export interface ChangedLineOptions {
  /** The key a project path has in the report (Toolchain.coverageKey); default: the path itself. */
  readonly keyOf?: (path: string) => string | null;
  /** Whether a changed file is code that a report should list (for `unmeasured`). */
  readonly isCode?: (path: string) => boolean;
  readonly bounds?: DiffBounds;
}

export function changedLineCoverage(files: readonly ChangedText[], coverage: LineCoverage, options: ChangedLineOptions = {}): ChangedLinesSummary {
  const keyOf = options.keyOf ?? ((path: string) => path);
  let total = 0;
  let covered = 0;
  let exact = true;
  const perFile: ChangedFileCoverage[] = [];
  const uncovered: UncoveredLines[] = [];
  const unmeasured: string[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const key = keyOf(file.path);
    const hits = key === null ? undefined : coverage.files.get(key);
    if (hits === undefined) {
      if (options.isCode?.(file.path) === true) unmeasured.push(file.path);
      continue;
    }
    const diff = changedLines(file.before, file.after, options.bounds ?? DIFF_BOUNDS);
    exact &&= diff.exact;
    let fileTotal = 0;
    let fileCovered = 0;
    const missed: number[] = [];
    for (const line of diff.lines) {
      const hit = hits.get(line);
      if (hit === undefined) continue;
      fileTotal++;
      if (hit) fileCovered++;
      else missed.push(line);
    }
    if (fileTotal === 0) continue;
    total += fileTotal;
    covered += fileCovered;
    perFile.push({ file: file.path, total: fileTotal, covered: fileCovered });
    if (missed.length > 0) uncovered.push({ file: file.path, lines: lineRanges(missed, MAX_RANGES_PER_FILE) });
  }
  const omitted = Math.max(0, perFile.length - MAX_FILES_LISTED) + Math.max(0, unmeasured.length - MAX_FILES_LISTED);
  return {
    total,
    covered,
    pct: percentOf(covered, total),
    uncovered: uncovered.slice(0, MAX_FILES_LISTED),
    files: perFile.slice(0, MAX_FILES_LISTED),
    unmeasured: unmeasured.slice(0, MAX_FILES_LISTED),
    filesOmitted: omitted,
    exact,
  };
}

/** "src/calc.py: 12-14, 20; src/util.py: 3": for reasons and the human output. */
export function uncoveredText(summary: ChangedLinesSummary, maxFiles = 5): string {
  const shown = summary.uncovered.slice(0, maxFiles).map((u) => `${u.file}: ${u.lines}`);
  const more = summary.uncovered.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more files)` : shown.join('; ');
}
