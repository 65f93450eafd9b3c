/**
 * --min-changed-coverage: the share of the executable lines a change added or modified that the
 * run executed must reach the minimum. A change with no executable changed line is not rejected
 * for it; a run whose per-line coverage could not be read is (it cannot be shown to reach it), and
 * so is a change to a code file the report does not list (no test loaded it: new code in a new
 * file nothing requires would otherwise pass any minimum). Applied only to a run that would
 * otherwise be executed.
 */
import { uncoveredText, type ChangedLinesSummary } from '../coverage/changed-line-coverage.js';
import type { Verdict } from './grade.js';

const FILES_NAMED = 5;

export function changedCoverageVerdict(executed: Verdict, changed: ChangedLinesSummary | null, minimum: number | null): Verdict {
  if (minimum === null || executed.outcome !== 'executed') return executed;
  if (changed === null) {
    return { outcome: 'rejected', code: 'coverage_unmeasured', reason: `the coverage of the changed lines could not be measured (no per-line coverage report) and a minimum of ${minimum}% is set` };
  }
  if (changed.unmeasured.length > 0) {
    const shown = changed.unmeasured.slice(0, FILES_NAMED).join(', ');
    const more = changed.unmeasured.length > FILES_NAMED ? ' and more' : '';
    return { outcome: 'rejected', code: 'coverage_unmeasured', reason: `the coverage of changed code files could not be measured (no test loaded them, or the coverage configuration leaves them out): ${shown}${more}, and a minimum of ${minimum}% is set` };
  }
  if (changed.pct === null) return { ...executed, reason: `${executed.reason}; no executable lines changed` };
  const said = `${changed.covered} of ${changed.total} changed lines covered`;
  if (changed.pct < minimum) {
    // Rounded down: a reason must never show the minimum itself as too low.
    const pct = (Math.floor(changed.pct * 10) / 10).toFixed(1);
    return { outcome: 'rejected', code: 'changed_coverage_low', reason: `changed-line coverage ${pct}% (${said}) is below the minimum ${minimum}%; not covered: ${uncoveredText(changed)}` };
  }
  return { ...executed, reason: `${executed.reason}; ${said}` };
}

/** Line coverage now minus the baseline's, in percentage points; null without both. */
export function coverageDelta(current: number | null | undefined, baseline: number | null | undefined): number | null {
  if (current === null || current === undefined || baseline === null || baseline === undefined) return null;
  return Math.round((current - baseline) * 100) / 100;
}
