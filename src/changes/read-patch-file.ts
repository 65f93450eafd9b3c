/**
 * A diff file taken in for a project: read once (bounded by its size limit), parsed (bad syntax
 * is an InputError: nothing is stored), then applied to the project snapshot's files into
 * whole-file changes. A diff that does not apply is the proposal's fault: returned as such, so
 * the proposal is recorded as rejected for it.
 */
import { readFile, stat } from 'node:fs/promises';
import { ProposalFault } from '../errors/proposal-fault.js';
import { InputError } from '../errors/input-error.js';
import type { ProjectSnapshot } from '../project/project-snapshot.js';
import { applyPatch } from './apply-patch.js';
import type { Change } from './change.js';
import type { ChangeLimits } from './changes-file.js';
import { SearchBudget } from './hunk-search.js';
import { snapshotFileReader } from './snapshot-file-reader.js';
import { diffSizeLimit, type FilePatch, parseUnifiedDiff } from './unified-diff.js';

export interface PatchIntake {
  readonly changes: readonly Change[];
  /** The diff as submitted, for the record. */
  readonly patch: string;
  readonly fault: ProposalFault | null;
  /** Line comparisons spent placing the hunks (bounded by the search budget). */
  readonly comparisons: number;
}

export async function readPatchFile(file: string, snapshot: ProjectSnapshot, limits: ChangeLimits): Promise<PatchIntake> {
  return readPatchBytes(await readDiffBytes(file, limits), file, snapshot, limits);
}

/** A diff given as bytes (a request body); `source` names it in messages. Bounded as a file is. */
export async function readPatchBytes(bytes: Buffer, source: string, snapshot: ProjectSnapshot, limits: ChangeLimits): Promise<PatchIntake> {
  const patches = parseUnifiedDiff(bytes, limits, source);
  const patch = bytes.toString('utf8');
  const budget = new SearchBudget();
  try {
    return { changes: await applyPatch(patches, snapshotFileReader(snapshot), limits, budget), patch, fault: null, comparisons: budget.used };
  } catch (error) {
    if (error instanceof ProposalFault) return { changes: [], patch, fault: error, comparisons: budget.used };
    throw error;
  }
}

export async function readDiffFile(file: string, limits: ChangeLimits): Promise<FilePatch[]> {
  return parseUnifiedDiff(await readDiffBytes(file, limits), limits, file);
}

/** The diff's bytes, refused unread when the file is over the size limit. */
async function readDiffBytes(file: string, limits: ChangeLimits): Promise<Buffer> {
  const cap = diffSizeLimit(limits);
  try {
    const size = (await stat(file)).size;
    if (size > cap) throw new InputError(`diff ${file} is ${size} bytes, more than the limit of ${cap}`, { file });
    return await readFile(file);
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(`cannot read diff ${file}`, { file }, { cause });
  }
}
