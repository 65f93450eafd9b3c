/**
 * Which tests and which test-support files a proposal adds, modifies or deletes, by the
 * toolchain's own account of its files (Toolchain.testPaths). Listed with every validation, the
 * ground for --protect-tests, and for anything that must tell "the change edited the tests" from
 * "the change broke or fixed the code". A write that leaves a file as it was is no edit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../changes/change.js';
import { type ProjectSnapshot, sha256 } from '../project/project-snapshot.js';
import type { ProjectReader, TestPaths, TouchedFile } from '../toolchains/toolchain.js';

/** One kind of edit: how many files, and their paths up to LISTED_PATHS (sorted). */
export interface EditList {
  readonly count: number;
  readonly paths: readonly string[];
}

export interface EditKinds {
  readonly added: EditList;
  readonly modified: EditList;
  readonly deleted: EditList;
}

export interface TestEdits {
  readonly tests: EditKinds;
  readonly support: EditKinds;
}

/** Paths kept per list: a record of 100,000 changed tests need not name them all. */
export const LISTED_PATHS = 100;

type Kind = keyof EditKinds;

export function classifyTestEdits(changes: readonly Change[], snapshot: ProjectSnapshot, testPaths: TestPaths): TestEdits {
  const empty = (): Record<Kind, string[]> => ({ added: [], modified: [], deleted: [] });
  const found: Record<keyof TestEdits, Record<Kind, string[]>> = { tests: empty(), support: empty() };
  const project = projectAfter(changes, snapshot);
  for (const change of changes) {
    const entry = snapshot.entries.get(change.path);
    const existed = entry !== undefined && entry.type !== 'dir';
    if (change.kind === 'write' && entry?.type === 'file' && entry.digest === sha256(change.content)) continue;
    const kind: Kind = change.kind === 'delete' ? 'deleted' : existed ? 'modified' : 'added';
    const role = testPaths.roleOf(touched(change, entry?.type === 'file' ? snapshot : null), project);
    if (role === null) continue;
    found[role === 'test' ? 'tests' : 'support'][kind].push(change.path);
  }
  const list = (paths: string[]): EditList => ({ count: paths.length, paths: paths.sort().slice(0, LISTED_PATHS) });
  const kinds = (k: Record<Kind, string[]>): EditKinds => ({ added: list(k.added), modified: list(k.modified), deleted: list(k.deleted) });
  return { tests: kinds(found.tests), support: kinds(found.support) };
}

export const NO_TEST_EDITS: TestEdits = {
  tests: { added: { count: 0, paths: [] }, modified: { count: 0, paths: [] }, deleted: { count: 0, paths: [] } },
  support: { added: { count: 0, paths: [] }, modified: { count: 0, paths: [] }, deleted: { count: 0, paths: [] } },
};

/** The file before (read from the snapshot's project, only when a rule asks) and after the change. */
function touched(change: Change, from: ProjectSnapshot | null): TouchedFile {
  let before: Buffer | null = null;
  let read = from === null;
  return {
    path: change.path,
    after: change.kind === 'write' ? change.content : null,
    get before() {
      if (!read && from !== null) before = readProjectFile(from, change.path);
      read = true;
      return before;
    },
  };
}

/** The project as the changes leave it; files outside the snapshot (left-out folders) do not exist. */
function projectAfter(changes: readonly Change[], snapshot: ProjectSnapshot): ProjectReader {
  const changed = new Map(changes.map((c) => [c.path, c.kind === 'write' ? c.content : null]));
  const cache = new Map<string, string | null>();
  return {
    text(path) {
      if (changed.has(path)) return changed.get(path)?.toString('utf8') ?? null;
      if (!cache.has(path)) cache.set(path, snapshot.entries.get(path)?.type === 'file' ? (readProjectFile(snapshot, path)?.toString('utf8') ?? null) : null);
      return cache.get(path) ?? null;
    },
  };
}

function readProjectFile(snapshot: ProjectSnapshot, path: string): Buffer | null {
  try {
    return readFileSync(join(snapshot.root, path));
  } catch {
    // Gone since the snapshot: as if it had never been there.
    return null;
  }
}
