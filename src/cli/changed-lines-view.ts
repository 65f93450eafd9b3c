/** Changed-line coverage and the coverage delta, as people read them (validate, proposals show). */
import type { ChangedLinesSummary } from '../coverage/changed-line-coverage.js';
import { safeLine } from './terminal-text.js';

const FILES_SHOWN = 10;

/**
 * "  changed    4 of 6 changed lines covered (66.7%); not covered: src/calc.py: 12-14, 20" and,
 * when there is one, "  vs baseline +2.5 points of line coverage"; nothing for a run without either.
 */
export function changedLinesText(changed: ChangedLinesSummary | null, delta: number | null, indent: string, width: number): string[] {
  const label = (name: string) => `${indent}${name.padEnd(width)}`;
  const lines: string[] = [];
  if (changed !== null) {
    const said = changed.pct === null ? 'no executable lines changed' : `${changed.covered} of ${changed.total} changed lines covered (${changed.pct.toFixed(1)}%)`;
    lines.push(`${label('changed')}${said}${changed.exact ? '' : ' (a file too big to diff exactly: its whole edited region counted)'}`);
    for (const u of changed.uncovered.slice(0, FILES_SHOWN)) lines.push(`${label('')}not covered ${safeLine(u.file)}: ${u.lines}`);
    if (changed.uncovered.length > FILES_SHOWN) lines.push(`${label('')}(+${changed.uncovered.length - FILES_SHOWN} more files with uncovered lines)`);
    if (changed.unmeasured.length > 0) {
      const shown = changed.unmeasured.slice(0, FILES_SHOWN).map(safeLine).join(', ');
      lines.push(`${label('')}not measured (no test loaded them, or the coverage configuration leaves them out): ${shown}${changed.unmeasured.length > FILES_SHOWN ? ', ...' : ''}`);
    }
  }
  if (delta !== null) lines.push(`${label('vs base')}${delta >= 0 ? '+' : ''}${delta.toFixed(2)} points of line coverage against the baseline`);
  return lines;
}
