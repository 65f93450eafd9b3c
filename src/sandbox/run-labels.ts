/**
 * Labels of a run container (the MCP execute tools): ours (`patchproof`), with the run's id as
 * its validation label, and this database under a key of its own. Not under `patchproof.store`:
 * the janitor removes that store's containers whose validation holds no lease, and a run holds
 * none; a run's container is removed by its own releasers, or by stop_container.
 */
import { labelsFor } from './labels.js';

export const LABEL_KIND = 'patchproof.kind';
export const LABEL_RUN_STORE = 'patchproof.run-store';
export const RUN_PROPOSAL = 'run';

export function runLabels(runId: string, store: string, now: Date = new Date()): Record<string, string> {
  return { ...labelsFor({ validationId: runId, proposalId: RUN_PROPOSAL }, now), [LABEL_KIND]: 'run', [LABEL_RUN_STORE]: store };
}
