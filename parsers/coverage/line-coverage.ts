/**
 * Per-line coverage, the same shape whatever wrote it: for each measured file, each executable
 * line and whether the run executed it. Used only to judge the lines a change touched
 * (src/coverage/changed-line-coverage.ts); never stored whole.
 */

/** Line number (1-based) → covered. Lines absent are not executable (blank, comment, `end`). */
export type LineHits = ReadonlyMap<number, boolean>;

export interface LineCoverage {
  readonly format: string;
  /**
   * Keyed by path relative to the project root; for formats that name files only relative to a
   * source root (JaCoCo: `demo/Calc.java`), by that path, and `keyOf` maps a project path to it.
   */
  readonly files: ReadonlyMap<string, LineHits>;
}

/** Collects hits per file, a line covered when any record of it was (merged reports, duplicate blocks). */
export class LineCoverageBuilder {
  private readonly files = new Map<string, Map<number, boolean>>();

  add(file: string, line: number, covered: boolean): void {
    if (!Number.isInteger(line) || line < 1) return;
    let lines = this.files.get(file);
    if (lines === undefined) {
      lines = new Map();
      this.files.set(file, lines);
    }
    lines.set(line, covered || lines.get(line) === true);
  }

  /** Makes sure a measured file with no executable line is still known as measured. */
  touch(file: string): void {
    if (!this.files.has(file)) this.files.set(file, new Map());
  }

  build(format: string): LineCoverage {
    return { format, files: this.files };
  }
}

/** "/workspace/src/calc.py" → "src/calc.py"; relative paths are kept; outside the root → null. */
export function underRoot(path: string, root: string): string | null {
  if (!path.startsWith('/')) return normalise(path);
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? normalise(path.slice(prefix.length)) : null;
}

function normalise(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? null : parts.join('/');
}
