/**
 * Everything decided before a proposal is recorded: the project read, its toolchain chosen, the
 * changes checked against it. Bad input fails here as an InputError, before anything is written;
 * a change that is wrong for this project (through a symlink, deleting a missing file) is kept
 * as a fault, so the proposal is recorded and rejected for it.
 */
import { checkAgainstProject } from '../changes/check-against-project.js';
import type { Change } from '../changes/change.js';
import { ProposalFault } from '../errors/proposal-fault.js';
import { type ProjectSnapshot, snapshotProject } from '../project/project-snapshot.js';
import { TOOLCHAINS } from '../toolchains/registry.js';
import { type Selection, selectToolchain } from '../toolchains/select-toolchain.js';
import type { Toolchain } from '../toolchains/toolchain.js';
import { withTestCommand } from '../toolchains/custom-test-command.js';
import { classifyTestEdits, type TestEdits } from './test-edits.js';

export interface PreparedProposal {
  readonly snapshot: ProjectSnapshot;
  readonly selection: Selection;
  readonly changes: readonly Change[];
  /** Set when the changes cannot apply to this project: the proposal is rejected for it. */
  readonly fault: ProposalFault | null;
  /** The tests and test-support files the changes add, modify or delete. */
  readonly testEdits: TestEdits;
  /** --protect-tests: edits of existing tests or of any test support are rejected. */
  readonly protectTests: boolean;
  /** --min-changed-coverage (percent), as stored with the proposal; null: not asked. */
  readonly minChangedCoverage: number | null;
}

/** How a project is run when detection is not enough: see ProjectRow. */
export interface RunOverrides {
  readonly testCommand?: string | null;
  readonly build?: boolean;
  /** --protect-tests, as stored with the proposal (a project's default is applied at intake). */
  readonly protectTests?: boolean;
  /** --min-changed-coverage, as stored with the proposal (a project's default is applied at intake). */
  readonly minChangedCoverage?: number | null;
}

export async function prepareProposal(
  projectDir: string,
  changes: readonly Change[],
  framework: string | null,
  toolchains: readonly Toolchain[] = TOOLCHAINS,
  overrides: RunOverrides = {},
  taken?: ProjectSnapshot,
): Promise<PreparedProposal> {
  const snapshot = taken ?? (await snapshotProject(projectDir));
  const selection = runAsAsked(selectToolchain(snapshot, framework, toolchains), overrides);
  let fault: ProposalFault | null = null;
  try {
    checkAgainstProject(changes, snapshot);
  } catch (error) {
    if (!(error instanceof ProposalFault)) throw error;
    fault = error;
  }
  const testEdits = classifyTestEdits(changes, snapshot, selection.toolchain.testPaths);
  return { snapshot, selection, changes, fault, testEdits, protectTests: overrides.protectTests === true, minChangedCoverage: overrides.minChangedCoverage ?? null };
}

function runAsAsked(selection: Selection, overrides: RunOverrides): Selection {
  let { toolchain, reason } = selection;
  if (overrides.testCommand !== undefined && overrides.testCommand !== null) {
    toolchain = withTestCommand(toolchain, overrides.testCommand);
    reason = `${reason}; tests run by the project's own command`;
  }
  if (overrides.build === false) {
    toolchain = { ...toolchain, buildCommand: () => null };
    reason = `${reason}; build step turned off for this project`;
  }
  return { toolchain, reason };
}
