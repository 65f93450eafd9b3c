/**
 * What a verdict depends on besides the changes: the project's files and how it is run (its
 * framework, test command, build step) and what was asked (--protect-tests, --strict, a changed-
 * line minimum, request overrides). One function for every door (queue and validate-now), so
 * the same request gets the same content key whichever way it came in.
 */
import type { RequestOverrides } from '../pipeline/settings.js';

export interface RunState {
  readonly framework: string | null;
  readonly testCommand: string | null;
  readonly build: boolean;
  readonly protectTests: boolean;
  readonly strict: boolean;
  readonly minChangedCoverage: number | null;
  readonly overrides: RequestOverrides | null;
}

export function runStateDigest(snapshotDigest: string, run: RunState): string {
  const asked = [
    ...(run.protectTests ? ['protect-tests'] : []),
    ...(run.strict ? ['strict'] : []),
    ...(run.minChangedCoverage === null ? [] : [`min-changed-coverage=${run.minChangedCoverage}`]),
    // Sorted keys: the same overrides give the same key whatever order they were given in.
    ...(run.overrides === null ? [] : [`overrides=${JSON.stringify(Object.entries(run.overrides).sort(([a], [b]) => (a < b ? -1 : 1)))}`]),
  ];
  return `${snapshotDigest}\0${JSON.stringify([run.framework, run.testCommand, run.build, ...asked])}`;
}
