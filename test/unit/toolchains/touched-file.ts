/** Touched files and project views for the toolchains' testPaths rules, without a project on disk. */
import type { ProjectReader, TestFileRole, TestPaths, TouchedFile } from '../../../src/toolchains/toolchain.js';

/** A file as a change leaves it: `before` undefined means new, `after` null means deleted. */
export function touched(path: string, after: string | null = 'x', before: string | null = 'x'): TouchedFile {
  return { path, before: before === null ? null : Buffer.from(before), after: after === null ? null : Buffer.from(after) };
}

export function project(files: Readonly<Record<string, string>> = {}): ProjectReader {
  return { text: (path) => files[path] ?? null };
}

/** The role of each path, edited in place (same before and after does not matter to name rules). */
export function rolesOf(rules: TestPaths, paths: readonly string[], view: ProjectReader = project()): Record<string, TestFileRole | null> {
  return Object.fromEntries(paths.map((path) => [path, rules.roleOf(touched(path, 'new', 'old'), view)]));
}
