/**
 * Suite attributes (`tests`, `failures`, `errors`, `skipped`) are claims, not data: pytest's
 * `tests` subtracts its double-reported tests, surefire's rerun option rewrites them to describe
 * only the last pass, jest-junit's leave out todo tests. Totals therefore come from the
 * `<testcase>` elements; the attributes are only compared with them, and every disagreement is
 * recorded as a warning.
 */
import type { OutcomeChildren } from './case-status.js';

export interface ElementCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

export const NO_ELEMENTS: ElementCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };

/** What one `<testcase>` element contributes, counted the way suite attributes count. */
export function countElement(children: OutcomeChildren): ElementCounts {
  const has = (list: readonly unknown[] | undefined): number => (list !== undefined && list.length > 0 ? 1 : 0);
  return { tests: 1, failures: has(children.failure), errors: has(children.error), skipped: has(children.skipped) };
}

export function addCounts(a: ElementCounts, b: ElementCounts): ElementCounts {
  return {
    tests: a.tests + b.tests,
    failures: a.failures + b.failures,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
  };
}

const CHECKED = ['tests', 'failures', 'errors', 'skipped'] as const;

/** One warning per attribute that disagrees with the elements; non-numeric attributes are ignored. */
export function reconcileSuite(
  label: string,
  attributes: Readonly<Record<string, string>>,
  counts: ElementCounts,
): string[] {
  const warnings: string[] = [];
  for (const key of CHECKED) {
    const claimed = attributes[key]?.trim();
    if (claimed === undefined || !/^\d+$/.test(claimed)) continue;
    if (Number(claimed) !== counts[key]) {
      warnings.push(`${label} says ${key}="${claimed}" but its <testcase> elements give ${counts[key]}`);
    }
  }
  return warnings;
}
