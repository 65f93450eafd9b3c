/**
 * Turns a parsed diff into whole-file Changes by applying its hunks to the project's files, as
 * `git apply` does without fuzz: every unchanged and removed line must match exactly, byte for
 * byte, line ends and the newline at the end of the file included. A hunk may sit some lines
 * away from where its header says (the project moved on since the diff was made), as patch and
 * git apply allow. A hunk that does not apply is the proposal's fault, and names the file and
 * the hunk; nothing is returned half-applied.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProposalFault } from '../errors/proposal-fault.js';
import { UsageError } from '../errors/usage-error.js';
import type { Change } from './change.js';
import type { ChangeLimits } from './changes-file.js';
import type { FilePatch, Hunk } from './unified-diff.js';

/** The project's file at a project path, or null when there is none. */
export type FileReader = (path: string) => Buffer | null | Promise<Buffer | null>;

export async function applyPatch(patches: readonly FilePatch[], readProjectFile: FileReader, limits: ChangeLimits): Promise<Change[]> {
  // Every part reads the project as it was: a copy's source may also be changed by another part.
  const cache = new Map<string, Promise<Buffer | null>>();
  const read = (path: string): Promise<Buffer | null> => {
    let content = cache.get(path);
    if (content === undefined) {
      content = Promise.resolve(readProjectFile(path));
      cache.set(path, content);
    }
    return content;
  };
  // A diff made with -U0 has no context anywhere: its hunks cannot be held to the start or end
  // of a file (git apply wants --unidiff-zero for it). One context line anywhere rules that out.
  const unidiffZero = patches.every((patch) => patch.hunks.every((hunk) => hunk.lines.every((line) => line.tag !== ' ')));
  const changes: Change[] = [];
  for (const patch of patches) changes.push(...(await applyFilePatch(patch, read, unidiffZero)));
  let total = 0;
  for (const change of changes) {
    if (change.kind !== 'write') continue;
    if (change.content.length > limits.maxFileBytes) {
      throw new UsageError(`"${change.path}" is ${change.content.length} bytes once patched, more than the limit of ${limits.maxFileBytes}`, { path: change.path });
    }
    total += change.content.length;
    if (total > limits.maxTotalBytes) throw new UsageError(`the patched files add up to more than the limit of ${limits.maxTotalBytes} bytes`);
  }
  return changes;
}

async function applyFilePatch(patch: FilePatch, read: (path: string) => Promise<Buffer | null>, unidiffZero: boolean): Promise<Change[]> {
  const { oldPath, newPath, hunks } = patch;
  if (oldPath === null) {
    if (newPath === null) return [];
    if ((await read(newPath)) !== null) throw new ProposalFault('PATCH_FILE_EXISTS', `cannot create "${newPath}": the project already has it`, { path: newPath });
    return [{ kind: 'write', path: newPath, content: applyHunks(newPath, Buffer.alloc(0), hunks, unidiffZero) }];
  }
  const old = await read(oldPath);
  const moved = newPath !== null && newPath !== oldPath;
  const verb = patch.copy ? 'copy' : 'rename';
  if (old === null) {
    if (newPath === null) throw new ProposalFault('DELETE_MISSING', `cannot delete "${oldPath}": the project has no such file`, { path: oldPath });
    if (moved) throw new ProposalFault('PATCH_FILE_MISSING', `cannot ${verb} "${oldPath}" to "${newPath}": the project has no "${oldPath}"`, { path: oldPath });
    throw new ProposalFault('PATCH_FILE_MISSING', `cannot patch "${oldPath}": the project has no such file`, { path: oldPath });
  }
  if (newPath === null) {
    checkDeletion(patch, oldPath, old, unidiffZero);
    return [{ kind: 'delete', path: oldPath }];
  }
  if (moved && (await read(newPath)) !== null) {
    throw new ProposalFault('PATCH_FILE_EXISTS', `cannot ${verb} "${oldPath}" to "${newPath}": the project already has "${newPath}"`, { path: newPath });
  }
  // A mode change alone: modes are not part of a proposal.
  if (!moved && hunks.length === 0) return [];
  const content = hunks.length === 0 ? old : applyHunks(oldPath, old, hunks, unidiffZero);
  const write: Change = { kind: 'write', path: newPath, content };
  return moved && !patch.copy ? [write, { kind: 'delete', path: oldPath }] : [write];
}

/** A deletion must remove exactly what the file holds, as git apply insists. */
function checkDeletion(patch: FilePatch, path: string, old: Buffer, unidiffZero: boolean): void {
  if (patch.hunks.length === 0) {
    // No hunk: git shows an empty file so, or with --irreversible-delete, any file by its blob id.
    if (old.length === 0 || (patch.oldBlob !== null && isBlob(old, patch.oldBlob))) return;
    const shown = patch.oldBlob === null ? 'empty' : `as blob ${patch.oldBlob}`;
    throw new ProposalFault('PATCH_DOES_NOT_APPLY', `cannot delete "${path}": the diff shows it ${shown}, but the project's file (${old.length} bytes) is not`, { path });
  }
  const rest = applyHunks(path, old, patch.hunks, unidiffZero);
  if (rest.length > 0) {
    const removed = patch.hunks.reduce((n, hunk) => n + hunk.oldLines, 0);
    throw new ProposalFault('PATCH_DOES_NOT_APPLY', `cannot delete "${path}": the diff removes ${lineCount(removed)}, but the file has ${countLines(old)}`, { path });
  }
}

/** git's object id of a blob, by either hash git uses, against an abbreviated id. */
function isBlob(content: Buffer, abbreviated: string): boolean {
  return ['sha1', 'sha256'].some((algorithm) => {
    const id = createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
    return abbreviated.length >= 7 && id.startsWith(abbreviated);
  });
}

interface Line {
  readonly content: Buffer;
  readonly newline: boolean;
}

/** The file's lines as offsets: line i is bytes [starts[i], starts[i + 1]), its "\n" included. */
function lineStarts(file: Buffer): number[] {
  const starts = [0];
  for (let at = file.indexOf(10); at >= 0; at = file.indexOf(10, at + 1)) starts.push(at + 1);
  if (starts.at(-1) !== file.length) starts.push(file.length);
  return starts;
}

function countLines(file: Buffer): number {
  return lineStarts(file).length - 1;
}

function lineCount(n: number): string {
  return n === 1 ? '1 line' : `${n} lines`;
}

/** One side of a hunk as lines; "\ No newline at end of file" takes the newline off its last. */
function side(hunk: Hunk, drop: '+' | '-', noNewlineAtEnd: boolean): Line[] {
  const lines = hunk.lines.filter((line) => line.tag !== drop).map((line) => ({ content: line.content, newline: true }));
  const last = lines.at(-1);
  if (noNewlineAtEnd && last !== undefined) last.newline = false;
  return lines;
}

function applyHunks(path: string, file: Buffer, hunks: readonly Hunk[], unidiffZero: boolean): Buffer {
  const starts = lineStarts(file);
  const count = starts.length - 1;
  const byteAt = (line: number): number => starts[line] ?? file.length;
  const out: Buffer[] = [];
  let copied = 0;
  let offset = 0;
  hunks.forEach((hunk, index) => {
    const label = `hunk ${index + 1} of ${path} (${hunk.header})`;
    const oldSide = side(hunk, '+', hunk.oldNoNewlineAtEnd);
    const at = place(file, starts, hunk, oldSide, copied, offset, unidiffZero);
    if (typeof at !== 'number') {
      throw new ProposalFault('PATCH_DOES_NOT_APPLY', `${label} does not apply: ${at.reason}`, { path, hunk: index + 1, diffLine: hunk.diffLine, line: at.line });
    }
    const end = at + oldSide.length;
    if (hunk.newNoNewlineAtEnd && end !== count) {
      throw new ProposalFault('PATCH_DOES_NOT_APPLY', `${label} does not apply: it ends the file without a newline after line ${end}, but the file goes on to line ${count}`, {
        path,
        hunk: index + 1,
        diffLine: hunk.diffLine,
        line: end,
      });
    }
    out.push(file.subarray(byteAt(copied), byteAt(at)));
    for (const line of side(hunk, '-', hunk.newNoNewlineAtEnd)) {
      out.push(line.content);
      if (line.newline) out.push(NEWLINE);
    }
    copied = end;
    offset = at - (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1);
  });
  out.push(file.subarray(byteAt(copied)));
  return Buffer.concat(out);
}

const NEWLINE = Buffer.from('\n');

/** Lines compared at most while looking for one hunk: a long hunk against a long file stays quick. */
const SEARCH_BUDGET = 10_000_000;

/**
 * Where the hunk's old lines are in the file (a line index), or why they are nowhere. The
 * header's line, moved by the offset the hunk before was found at, is tried first, then lines
 * further and further from it, never before the end of the hunk before (no fuzz: every line must
 * match). A hunk of only added lines has nothing to search by: it goes where its header says.
 */
function place(file: Buffer, starts: readonly number[], hunk: Hunk, oldSide: readonly Line[], from: number, offset: number, unidiffZero: boolean): number | Failure {
  const count = starts.length - 1;
  const expected = (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1) + offset;
  const last = count - oldSide.length;
  const fits = (at: number): boolean => at >= from && at <= last && matchesAt(file, starts, oldSide, at) === null;
  if (oldSide.length === 0) return fits(expected) ? expected : explain(file, starts, oldSide, expected, from, null, null);
  const anchor = unidiffZero ? null : anchorOf(hunk, last);
  if (anchor !== null && anchor.at !== null && fits(anchor.at)) return anchor.at;
  const found = search(oldSide.length, Math.max(expected, from), from, last, fits);
  if (anchor === null && found !== null) return found;
  return explain(file, starts, oldSide, expected, from, anchor, found);
}

interface Anchor {
  /** The one line index the hunk may start at; null when none can satisfy the rule. */
  readonly at: number | null;
  readonly rule: string;
}

/**
 * Where git apply insists a hunk goes: one from line 1 at the start of the file, one with no
 * context after its changes at the end (diff only leaves the context out at the end of a file),
 * one with both the whole file.
 */
function anchorOf(hunk: Hunk, last: number): Anchor | null {
  const atStart = hunk.oldStart <= 1;
  const atEnd = hunk.lines.at(-1)?.tag !== ' ';
  if (atStart && atEnd) return { at: last === 0 ? 0 : null, rule: 'a hunk from line 1 with no context after its changes must match the whole file' };
  if (atStart) return { at: 0, rule: 'a hunk from line 1 must match at the start of the file' };
  if (atEnd) return { at: last, rule: 'a hunk with no context after its changes must match at the end of the file' };
  return null;
}

/** The nearest line index to `start`, within [from, last], where the hunk fits; null when none. */
function search(size: number, start: number, from: number, last: number, fits: (at: number) => boolean): number | null {
  const first = Math.min(start, last);
  let tries = Math.floor(SEARCH_BUDGET / size);
  for (let distance = 0; (first - distance >= from || first + distance <= last) && tries > 0; distance++, tries -= 2) {
    if (fits(first + distance)) return first + distance;
    if (distance > 0 && fits(first - distance)) return first - distance;
  }
  return null;
}

interface Failure {
  readonly reason: string;
  /** The file's line the reason is about. */
  readonly line: number;
}

/** Why a hunk does not apply, told at the line its header points to. */
function explain(file: Buffer, starts: readonly number[], oldSide: readonly Line[], expected: number, from: number, anchor: Anchor | null, found: number | null): Failure {
  const count = starts.length - 1;
  if (anchor !== null && found !== null) return { reason: `its lines are at line ${found + 1}, but ${anchor.rule}`, line: found + 1 };
  const at = Math.max(expected, from);
  const mismatch = matchesAt(file, starts, oldSide, at);
  if (mismatch !== null) return mismatch;
  if (anchor !== null) return { reason: `its lines are at line ${at + 1}, but ${anchor.rule}`, line: at + 1 };
  return { reason: `it adds lines after line ${at}, but the file ends at line ${count}`, line: at };
}

/** Null when the old lines are at line index `at`, else the first line that differs, said plainly. */
function matchesAt(file: Buffer, starts: readonly number[], oldSide: readonly Line[], at: number): Failure | null {
  const count = starts.length - 1;
  for (let i = 0; i < oldSide.length; i++) {
    const want = oldSide[i];
    if (want === undefined) break;
    const n = at + i;
    const start = starts[n];
    const end = starts[n + 1];
    const line = n + 1;
    if (start === undefined || end === undefined) {
      return { reason: `line ${line} expected ${show(want.content)} but the file ${count === 0 ? 'is empty' : `ends at line ${count}`}`, line };
    }
    const hasNewline = file[end - 1] === 10;
    const content = file.subarray(start, hasNewline ? end - 1 : end);
    if (!content.equals(want.content)) return { reason: `line ${line} expected ${show(want.content)} but the file has ${show(content)}`, line };
    if (hasNewline && !want.newline) {
      const more = line < count ? `the file goes on after it` : 'the file has a newline after it';
      return { reason: `line ${line} expected ${show(want.content)} to end the file without a newline, but ${more}`, line };
    }
    if (!hasNewline && want.newline) return { reason: `line ${line} expected ${show(want.content)} followed by a newline, but the file ends there without one`, line };
  }
  return null;
}

function show(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/**
 * Reads project files for applyPatch from the project folder, never through a symlink: a path
 * routed through one could read outside the project, and its lines would end up in a message.
 */
export function projectFileReader(root: string): FileReader {
  return async (path) => {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const stats = await lstat(join(root, prefix)).catch((error: unknown) => {
        // Nothing there, or a file where a folder would be: the path names no file.
        if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return null;
        throw error;
      });
      if (stats === null) return null;
      if (stats.isSymbolicLink()) {
        if (i < parts.length) throw new ProposalFault('PATH_THROUGH_SYMLINK', `the diff changes "${path}", which passes through "${prefix}", a symlink in the project`, { path, symlink: prefix });
        throw new ProposalFault('PATH_IS_SYMLINK', `the diff changes "${path}", a symlink in the project; a diff can only change regular files`, { path });
      }
      if (i < parts.length && !stats.isDirectory()) return null;
      if (i === parts.length && stats.isDirectory()) throw new ProposalFault('PATH_IS_DIRECTORY', `the diff changes "${path}", a folder in the project (a diff names files)`, { path });
    }
    return readFile(join(root, path));
  };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
