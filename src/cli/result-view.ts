/** How a validation result is shown to people; agents read the same view as JSON (--json). */
import type { ValidationResultView } from '../app/views/validation-result-view.js';
import type { TestEditsView } from '../app/views/parts.js';
import type { z } from 'zod';
import { comparisonLines } from './comparison-view.js';
import { changedLinesText } from './changed-lines-view.js';
import { safeLine } from './terminal-text.js';
import { rerunLines } from './rerun-view.js';
import { imageRewriteLines } from './image-rewrites-text.js';
import { dependencySummary } from '../images/dependency-record.js';

export function resultSummary(result: ValidationResultView): string {
  const word = { executed: 'EXECUTED', rejected: 'REJECTED', error: 'ERROR' }[result.verdict];
  const totals = result.tests;
  // The reason quotes test names and messages from the proposal's own report: escaped.
  const lines = [`${word}: ${safeLine(result.reason)}`];
  lines.push(`  framework  ${result.framework} (${safeLine(result.frameworkReason)})`);
  if (result.exitCode !== null || totals.total > 0) {
    lines.push(`  tests      ${totals.passed} passed, ${totals.failed} failed, ${totals.errors} errors, ${totals.skipped} skipped`);
  }
  if (result.coverage.lines !== null || result.coverage.branches !== null) lines.push(`  coverage   ${result.coverage.lines?.toFixed(1) ?? '-'}% lines, ${result.coverage.branches?.toFixed(1) ?? '-'}% branches`);
  if (result.dependencies !== null) lines.push(`  deps       ${safeLine(dependencySummary(result.dependencies))}`);
  lines.push(...changedLinesText(result.changedLines, result.coverageDelta, '  ', 11));
  lines.push(...testEditLines(result.testEdits, '  '));
  lines.push(...rerunLines(result.reruns, '  '));
  lines.push(...comparisonLines(result.comparison, '  '));
  const phases = Object.entries(result.durations).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(', ');
  lines.push(`  time       ${phases}`);
  lines.push(`  image      ${result.image ?? '-'}${result.imageBuilt ? ' (built now)' : ' (reused)'}`);
  lines.push(...imageRewriteLines(result.imageRewrites, '  ', 'rewritten '));
  lines.push(`  proposal   ${result.proposalId}`);
  for (const failure of result.warnings) lines.push(`  warning    ${safeLine(failure)}`);
  return lines.join('\n');
}

const SHOWN_IN_TEXT = 10;

/** "  edited tests added tests/test_new.py; modified tests/test_calc.py": one line per role, none when nothing was edited. */
export function testEditLines(edits: z.infer<typeof TestEditsView> | null, indent: string): string[] {
  if (edits === null) return [];
  const lines: string[] = [];
  for (const [role, label] of [['tests', 'edited tests'], ['support', 'test support']] as const) {
    const kinds = edits[role];
    const parts = (['added', 'modified', 'deleted'] as const)
      .filter((kind) => kinds[kind].count > 0)
      .map((kind) => {
        const shown = kinds[kind].paths.slice(0, SHOWN_IN_TEXT);
        const more = kinds[kind].count - shown.length;
        return `${kind} ${shown.map(safeLine).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
      });
    if (parts.length > 0) lines.push(`${indent}${label} ${parts.join('; ')}`);
  }
  return lines;
}
