/**
 * Turns a parsed diff into whole-file Changes by applying its hunks to the project's files, as
 * `git apply` does without fuzz: every unchanged and removed line must match exactly, byte for
 * byte, line ends and the newline at the end of the file included. A hunk may sit some lines
 * away from where its header says (the project moved on since the diff was made), as patch and
 * git apply allow (hunk-search.ts, within one budget per diff). A hunk that does not apply is
 * the proposal's fault, and names the file and the hunk; nothing is returned half-applied.
 * Files are read only through the FileReader given (snapshot-file-reader.ts for a project).
 */
import { createHash } from 'node:crypto';
import { ProposalFault } from '../errors/proposal-fault.js';
import { InputError } from '../errors/input-error.js';
import type { Change } from './change.js';
import type { ChangeLimits } from './changes-file.js';
import type { FilePatch, Hunk } from './diff/file-patch.js';
import { fileLines, place, SearchBudget, sideOf } from './hunk-search.js';

/** The project's file at a project path, or null when there is none. */
export type FileReader = (path: string) => Buffer | null | Promise<Buffer | null>;

export async function applyPatch(patches: readonly FilePatch[], readProjectFile: FileReader, limits: ChangeLimits, budget = new SearchBudget()): Promise<Change[]> {
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
  const unidiffZero = patches.every((patch) => patch.hunks.every(hasNoContext));
  const changes: Change[] = [];
  for (const patch of patches) changes.push(...(await applyFilePatch(patch, read, unidiffZero, budget)));
  let total = 0;
  for (const change of changes) {
    if (change.kind !== 'write') continue;
    if (change.content.length > limits.maxFileBytes) {
      throw new InputError(`"${change.path}" is ${change.content.length} bytes once patched, more than the limit of ${limits.maxFileBytes}`, { path: change.path });
    }
    total += change.content.length;
    if (total > limits.maxTotalBytes) throw new InputError(`the patched files add up to more than the limit of ${limits.maxTotalBytes} bytes`);
  }
  return changes;
}

function hasNoContext(hunk: Hunk): boolean {
  for (let line = hunk.first; line < hunk.end; line++) if (hunk.tagAt(line) === ' ') return false;
  return true;
}

async function applyFilePatch(patch: FilePatch, read: (path: string) => Promise<Buffer | null>, unidiffZero: boolean, budget: SearchBudget): Promise<Change[]> {
  const { oldPath, newPath, hunks } = patch;
  if (oldPath === null) {
    if (newPath === null) return [];
    if ((await read(newPath)) !== null) throw new ProposalFault('PATCH_FILE_EXISTS', `cannot create "${newPath}": the project already has it`, { path: newPath });
    return [{ kind: 'write', path: newPath, content: applyHunks(newPath, Buffer.alloc(0), hunks, unidiffZero, budget) }];
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
    checkDeletion(patch, oldPath, old, unidiffZero, budget);
    return [{ kind: 'delete', path: oldPath }];
  }
  if (moved && (await read(newPath)) !== null) {
    throw new ProposalFault('PATCH_FILE_EXISTS', `cannot ${verb} "${oldPath}" to "${newPath}": the project already has "${newPath}"`, { path: newPath });
  }
  // A mode change alone: modes are not part of a proposal.
  if (!moved && hunks.length === 0) return [];
  const content = hunks.length === 0 ? old : applyHunks(oldPath, old, hunks, unidiffZero, budget);
  const write: Change = { kind: 'write', path: newPath, content };
  return moved && !patch.copy ? [write, { kind: 'delete', path: oldPath }] : [write];
}

/** A deletion must remove exactly what the file holds, as git apply insists. */
function checkDeletion(patch: FilePatch, path: string, old: Buffer, unidiffZero: boolean, budget: SearchBudget): void {
  if (patch.hunks.length === 0) {
    // No hunk: git shows an empty file so, or with --irreversible-delete, any file by its blob id.
    if (old.length === 0 || (patch.oldBlob !== null && isBlob(old, patch.oldBlob))) return;
    const shown = patch.oldBlob === null ? 'empty' : `as blob ${patch.oldBlob}`;
    throw new ProposalFault('PATCH_DOES_NOT_APPLY', `cannot delete "${path}": the diff shows it ${shown}, but the project's file (${old.length} bytes) is not`, { path });
  }
  const rest = applyHunks(path, old, patch.hunks, unidiffZero, budget);
  if (rest.length > 0) {
    const removed = patch.hunks.reduce((n, hunk) => n + hunk.oldLines, 0);
    throw new ProposalFault('PATCH_DOES_NOT_APPLY', `cannot delete "${path}": the diff removes ${lineCount(removed)}, but the file has ${fileLines(old).count}`, { path });
  }
}

/** git's object id of a blob, by either hash git uses, against an abbreviated id. */
function isBlob(content: Buffer, abbreviated: string): boolean {
  return ['sha1', 'sha256'].some((algorithm) => {
    const id = createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
    return abbreviated.length >= 7 && id.startsWith(abbreviated);
  });
}

function lineCount(n: number): string {
  return n === 1 ? '1 line' : `${n} lines`;
}

/** Places every hunk first, then writes the new file once: no buffer per line. */
function applyHunks(path: string, file: Buffer, hunks: readonly Hunk[], unidiffZero: boolean, budget: SearchBudget): Buffer {
  const f = fileLines(file);
  const byteAt = (line: number): number => f.starts[line] ?? file.length;
  const placed: { at: number; end: number; hunk: Hunk }[] = [];
  let copied = 0;
  let offset = 0;
  hunks.forEach((hunk, index) => {
    const label = `hunk ${index + 1} of ${path} (${hunk.header})`;
    const old = sideOf(hunk, 'old');
    const at = place(f, old, { hunk, label, path, index }, copied, offset, unidiffZero, budget);
    if (typeof at !== 'number') {
      throw new ProposalFault('PATCH_DOES_NOT_APPLY', `${label} does not apply: ${at.reason}`, { path, hunk: index + 1, diffLine: hunk.diffLine, line: at.line });
    }
    const end = at + old.length;
    if (hunk.newNoNewlineAtEnd && end !== f.count) {
      throw new ProposalFault('PATCH_DOES_NOT_APPLY', `${label} does not apply: it ends the file without a newline after line ${end}, but the file goes on to line ${f.count}`, {
        path,
        hunk: index + 1,
        diffLine: hunk.diffLine,
        line: end,
      });
    }
    placed.push({ at, end, hunk });
    copied = end;
    offset = at - (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1);
  });
  const sides = placed.map((p) => sideOf(p.hunk, 'new'));
  let size = file.length;
  placed.forEach((p, i) => {
    size -= byteAt(p.end) - byteAt(p.at);
    const side = sides[i];
    if (side === undefined) return;
    for (let j = 0; j < side.length; j++) size += (side.ends[j] ?? 0) - (side.starts[j] ?? 0) + (side.noNewlineAtEnd && j === side.length - 1 ? 0 : 1);
  });
  const out = Buffer.allocUnsafe(size);
  let written = 0;
  copied = 0;
  placed.forEach((p, i) => {
    written += file.copy(out, written, byteAt(copied), byteAt(p.at));
    const side = sides[i];
    for (let j = 0; side !== undefined && j < side.length; j++) {
      written += side.bytes.copy(out, written, side.starts[j] ?? 0, side.ends[j] ?? 0);
      if (!(side.noNewlineAtEnd && j === side.length - 1)) out[written++] = 10;
    }
    copied = p.end;
  });
  written += file.copy(out, written, byteAt(copied));
  if (written !== size) throw new Error(`internal: patched ${written} bytes of ${size}`);
  return out;
}
