/**
 * The state a baseline belongs to: the project's content (snapshot digest) and how it is run
 * (toolchain named or detected, test command, build step), as submit-proposal.ts builds a
 * proposal's digest but without the changes or per-request flags. No path or project id: a folder
 * with the same content shares the baseline.
 */
import { createHash } from 'node:crypto';
import { type ProjectSnapshot, snapshotDigest } from '../project/project-snapshot.js';

export interface RunSettings {
  readonly framework: string | null;
  readonly testCommand: string | null;
  readonly build: boolean;
}

export function baselineStateKey(snapshot: ProjectSnapshot, run: RunSettings): string {
  return createHash('sha256').update(`baseline\0${snapshotDigest(snapshot)}\0${JSON.stringify([run.framework, run.testCommand, run.build])}`).digest('hex');
}
