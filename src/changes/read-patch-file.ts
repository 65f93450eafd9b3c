/**
 * A diff file taken in for a project: parsed (bad syntax is a UsageError: nothing is stored),
 * then applied to the project's files into whole-file changes. A diff that does not apply is the
 * proposal's fault: returned as such, so the proposal is recorded as rejected for it.
 */
import { readFile } from 'node:fs/promises';
import { ProposalFault } from '../errors/proposal-fault.js';
import { applyPatch, projectFileReader } from './apply-patch.js';
import type { Change } from './change.js';
import type { ChangeLimits } from './changes-file.js';
import { readDiffFile } from './unified-diff.js';

export interface PatchIntake {
  readonly changes: readonly Change[];
  /** The diff as submitted, for the record. */
  readonly patch: string;
  readonly fault: ProposalFault | null;
}

export async function readPatchFile(file: string, projectRoot: string, limits: ChangeLimits): Promise<PatchIntake> {
  const patches = await readDiffFile(file, limits);
  const patch = (await readFile(file)).toString('utf8');
  try {
    return { changes: await applyPatch(patches, projectFileReader(projectRoot), limits), patch, fault: null };
  } catch (error) {
    if (error instanceof ProposalFault) return { changes: [], patch, fault: error };
    throw error;
  }
}
