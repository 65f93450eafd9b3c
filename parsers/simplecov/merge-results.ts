/**
 * Merges the command entries of a `.resultset.json` per file, the way SimpleCov's
 * ResultMerger does: per line, null only when every entry says null, else the summed hits
 * (`[nil, 1] + [1, nil] = [1, 1]`); branch hits summed by key. A project run both as RSpec and
 * as minitest within SimpleCov's merge timeout leaves two entries naming the same files.
 */
import type { BranchMap, LineArray, ResultSet } from './resultset-schema.js';

export interface MergedFile {
  readonly lines: LineArray;
  /** null when no entry measured branches for this file. */
  readonly branches: BranchMap | null;
}

function mergeLines(a: LineArray, b: LineArray): LineArray {
  const length = Math.max(a.length, b.length);
  return Array.from({ length }, (_, i) => {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    return x === null && y === null ? null : (x ?? 0) + (y ?? 0);
  });
}

function mergeBranches(a: BranchMap | null, b: BranchMap | undefined): BranchMap | null {
  if (b === undefined) return a;
  const merged: BranchMap = { ...(a ?? {}) };
  for (const [condition, branches] of Object.entries(b)) {
    const sums: Record<string, number> = { ...(merged[condition] ?? {}) };
    for (const [branch, hits] of Object.entries(branches)) sums[branch] = (sums[branch] ?? 0) + hits;
    merged[condition] = sums;
  }
  return merged;
}

export function mergeResults(resultSet: ResultSet): ReadonlyMap<string, MergedFile> {
  const files = new Map<string, MergedFile>();
  for (const command of Object.values(resultSet)) {
    for (const [path, coverage] of Object.entries(command.coverage)) {
      const earlier = files.get(path);
      files.set(path, {
        lines: earlier === undefined ? coverage.lines : mergeLines(earlier.lines, coverage.lines),
        branches: mergeBranches(earlier?.branches ?? null, coverage.branches),
      });
    }
  }
  return files;
}
