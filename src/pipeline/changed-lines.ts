/** The coverage of the lines a proposal's changes wrote, from the run's per-line report. */
import { changedLineCoverage, type ChangedLinesSummary } from '../coverage/changed-line-coverage.js';
import { changedTexts } from '../coverage/changed-texts.js';
import type { CollectedReports } from '../toolchains/toolchain.js';
import type { PreparedProposal } from './prepare.js';

/** The coverage of the lines the change wrote; null for a run without changes or without a per-line report. */
export function changedLinesOf(prepared: PreparedProposal, reports: CollectedReports | null): ChangedLinesSummary | null {
  const lines = reports?.lineCoverage;
  if (prepared.changes.length === 0 || lines === undefined || lines === null) return null;
  const { toolchain } = prepared.selection;
  const keyOf = toolchain.coverageKey?.bind(toolchain);
  // Code is what the report measures files of (by extension), tests and test support aside.
  const extensions = new Set([...lines.files.keys()].map(extensionOf));
  const edits = [prepared.testEdits.tests, prepared.testEdits.support].flatMap((kinds) => [...kinds.added.paths, ...kinds.modified.paths]);
  const tests = new Set(edits);
  const isCode = (path: string) => !tests.has(path) && extensions.has(extensionOf(path)) && (keyOf === undefined || keyOf(path) !== null);
  return changedLineCoverage(changedTexts(prepared.changes, prepared.snapshot), lines, { ...(keyOf === undefined ? {} : { keyOf }), isCode });
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}
