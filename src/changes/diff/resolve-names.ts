/**
 * Turns each part's names into project paths: a/ b/ style prefixes stripped as the diff uses
 * them, renames and copies told apart, names decoded as UTF-8 and held to the project path
 * rules (project-path.ts: relative, short enough for the sandbox, inside the snapshot).
 */
import { projectPathProblem } from '../project-path.js';
import { backupPair, type Name, show, stripFirst } from './diff-names.js';
import type { Part } from './diff-reader.js';
import type { Fail } from './diff-text.js';
import type { FilePatch } from './file-patch.js';

export function resolveNames(parts: readonly Part[], fail: Fail): FilePatch[] {
  // A plain diff says nothing of its prefixes: read them off the files that name both sides.
  let plainStrip: boolean | null = null;
  for (const part of parts) {
    if (part.kind === 'plain' && part.minus && part.plus && part.minus.bytes !== part.plus.bytes && backupPair(part.minus.bytes, part.plus.bytes) === null) plainStrip ??= true;
    if (part.kind === 'plain' && part.minus && part.plus && part.minus.bytes === part.plus.bytes) plainStrip ??= false;
  }
  return parts.map((part) => (part.kind === 'git' ? resolveGit(part, fail) : resolvePlain(part, plainStrip, fail)));
}

function resolveGit(part: Part, fail: Fail): FilePatch {
  const { header, minus, plus, from, to, created, deleted } = part;
  if (created && deleted) fail(part.line, 'a file cannot be both created and deleted');
  // git writes a/ and b/ (or c/, i/, w/, o/) before the names on the "diff --git", "---" and
  // "+++" lines, and nothing with --no-prefix; never on "rename"/"copy" lines.
  let strip: boolean;
  if (header !== null) {
    const [a, b] = header;
    if (from !== null && to !== null) strip = !(a.bytes === from.bytes && b.bytes === to.bytes);
    else if (a.bytes === b.bytes) strip = false;
    else if (stripFirst(a.bytes) !== null && stripFirst(a.bytes) === stripFirst(b.bytes)) strip = true;
    else fail(part.line, `the "diff --git" line names two different files, but there is no "rename from"/"rename to"`);
  } else {
    strip = !(minus !== undefined && minus !== null && from !== null && minus.bytes === from.bytes);
  }
  const unprefixed = (name: Name): Name => {
    if (!strip) return name;
    const bytes = stripFirst(name.bytes);
    if (bytes === null) fail(name.line, `${show(name.bytes)} has no a/ or b/ prefix, which the other names of this file have`);
    return { bytes, line: name.line };
  };
  const oldName = from ?? (header ? unprefixed(header[0]) : minus ? unprefixed(minus) : null);
  const newName = to ?? (header ? unprefixed(header[1]) : plus ? unprefixed(plus) : null);
  if (oldName === null || newName === null) fail(part.line, 'cannot tell which file this part changes: its "diff --git" line is ambiguous and no other line names the file');
  if (minus && unprefixed(minus).bytes !== oldName.bytes) fail(minus.line, `the "---" line names ${show(minus.bytes)}, but the header of this part names ${show(oldName.bytes)}`);
  if (plus && unprefixed(plus).bytes !== newName.bytes) fail(plus.line, `the "+++" line names ${show(plus.bytes)}, but the header of this part names ${show(newName.bytes)}`);
  if (from === null && !created && !deleted && oldName.bytes !== newName.bytes) {
    fail(part.line, `the old name ${show(oldName.bytes)} and new name ${show(newName.bytes)} differ, but there is no "rename from"/"rename to"`);
  }
  return finish(part, created ? null : projectPath(oldName, fail), deleted ? null : projectPath(newName, fail), fail);
}

function resolvePlain(part: Part, plainStrip: boolean | null, fail: Fail): FilePatch {
  const { minus, plus } = part;
  let name: Name;
  if (minus && plus) {
    if (minus.bytes === plus.bytes) name = plus;
    else if (stripFirst(minus.bytes) !== null && stripFirst(minus.bytes) === stripFirst(plus.bytes)) name = { bytes: stripFirst(plus.bytes) ?? '', line: plus.line };
    else {
      const backup = backupPair(minus.bytes, plus.bytes);
      if (backup === null) fail(part.line, `"---" names ${show(minus.bytes)} and "+++" names ${show(plus.bytes)}: a plain diff cannot rename a file (use git diff)`);
      name = { bytes: backup, line: part.line };
    }
  } else {
    // One side is /dev/null: strip as the other files of this diff do; alone, a/ or b/ is a prefix.
    const only = minus ?? plus;
    if (!only) fail(part.line, 'both "---" and "+++" name no file');
    const strip = plainStrip ?? /^[ab]\//.test(only.bytes);
    const stripped = strip ? stripFirst(only.bytes) : only.bytes;
    if (stripped === null) fail(only.line, `${show(only.bytes)} has no prefix folder, which the other names of this diff have`);
    name = { bytes: stripped, line: only.line };
  }
  const path = projectPath(name, fail);
  return finish(part, part.created ? null : path, part.deleted ? null : path, fail);
}

function finish(part: Part, oldPath: string | null, newPath: string | null, fail: Fail): FilePatch {
  const label = show(newPath ?? oldPath ?? '');
  for (const hunk of part.hunks) {
    if (oldPath === null && hunk.oldLines > 0) fail(hunk.diffLine, `${label} is a new file, but hunk ${hunk.header} expects lines already in it`);
    if (newPath === null && hunk.newLines > 0) fail(hunk.diffLine, `${label} is deleted, but hunk ${hunk.header} leaves lines in it`);
  }
  if ((oldPath === null || newPath === null) && part.hunks.length > 1) fail(part.line, `${label} is created or deleted whole, which takes one hunk, not ${part.hunks.length}`);
  return { oldPath, newPath, copy: part.copy, oldBlob: part.oldBlob, hunks: part.hunks, diffLine: part.line };
}

function projectPath(name: Name, fail: Fail): string {
  let path: string;
  try {
    path = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name.bytes, 'latin1'));
  } catch {
    fail(name.line, `the path ${show(name.bytes)} is not valid UTF-8`);
  }
  const problem = projectPathProblem(path);
  if (problem !== null) fail(name.line, `the path ${show(Buffer.from(path))} ${problem}`);
  return path;
}
