/**
 * The comparison with the baseline as people and programs read it: `comparison` in validate
 * --json (test identities and paths as strings) and a few lines in the text views.
 */
import type { Comparison } from '../pipeline/compare-baseline.js';
import { safeLine } from './terminal-text.js';

export function comparisonJson(comparison: Comparison | null | undefined) {
  if (comparison === null || comparison === undefined) return null;
  const { baseline, fixed, broken, stillFailing, flaky, added, addedFailing, removed, modifiedTestFiles, counts, note } = comparison;
  return { baseline, fixed, broken, stillFailing, flaky, added, addedFailing, removed, modifiedTestFiles, counts, note };
}

const SHOWN = 10;

/** "  baseline   <id> (reused): fixed 1, broken 0, ..." and one line per non-empty list. */
export function comparisonLines(comparison: Comparison | null | undefined, indent: string): string[] {
  if (comparison === null || comparison === undefined) return [];
  const { counts } = comparison;
  const lines = [
    `${indent}baseline   ${comparison.baseline.validationId} (${comparison.baseline.reused ? 'reused' : 'made for this proposal'}): ` +
      `fixed ${counts.fixed}, broken ${counts.broken}, still failing ${counts.stillFailing}, flaky ${counts.flaky}, added ${counts.added}, removed ${counts.removed}`,
  ];
  const lists: [string, readonly string[], number][] = [
    ['fixed', comparison.fixed, counts.fixed],
    ['broken', comparison.broken, counts.broken],
    ['still fails', comparison.stillFailing, counts.stillFailing],
    ['flaky', comparison.flaky, counts.flaky],
    ['added, fails', comparison.addedFailing, counts.addedFailing],
    ['removed', comparison.removed, counts.removed],
  ];
  for (const [label, list, count] of lists) {
    if (count === 0) continue;
    const shown = list.slice(0, SHOWN).map(safeLine).join(', ');
    lines.push(`${indent}  ${label.padEnd(12)} ${shown}${count > SHOWN ? ` (+${count - Math.min(SHOWN, list.length)} more)` : ''}`);
  }
  if (comparison.note !== null) lines.push(`${indent}  note         ${safeLine(comparison.note)}`);
  return lines;
}
