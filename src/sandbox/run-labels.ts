/**
 * Labels of a run container (the MCP execute tools): a process-owned sandbox of kind `run`,
 * recorded under this database's store label so `list_containers` and `stop_container` find it.
 * The janitor removes it once the process that started it is gone; until then its own releasers
 * (or stop_container) do.
 */
import { ownerLabels } from './labels.js';

export function runLabels(runId: string, store: string, now: Date = new Date()): Record<string, string> {
  return ownerLabels({ kind: 'run', id: runId, store }, now);
}
