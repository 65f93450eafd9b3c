/**
 * --protect-tests: the change may add tests, but not modify or delete existing ones, nor add,
 * modify or delete test support or runner configuration (a conftest.py hook can turn failures
 * into passes inside the runner, where no report check sees it). Decided from the files alone,
 * before any image or container.
 */
import type { Verdict } from './grade.js';
import type { EditList, TestEdits } from './test-edits.js';

const NAMES_SHOWN = 5;

export const PROTECT_TESTS_FLAG = '--protect-tests';

/** The rejection, or null when the change leaves existing tests and test support alone. */
export function protectTests(edits: TestEdits): Verdict | null {
  const support = merge(edits.support.added, edits.support.modified, edits.support.deleted);
  const clauses = [
    edits.tests.modified.count > 0 ? `modifies existing tests ${named(edits.tests.modified)}` : null,
    edits.tests.deleted.count > 0 ? `deletes tests ${named(edits.tests.deleted)}` : null,
    support.count > 0 ? `edits test support files ${named(support)}` : null,
  ].filter((c): c is string => c !== null);
  if (clauses.length === 0) return null;
  return { outcome: 'rejected', code: 'tests_protected', reason: `the change ${clauses.join(' and ')} (${PROTECT_TESTS_FLAG})` };
}

function merge(...lists: EditList[]): EditList {
  return { count: lists.reduce((n, l) => n + l.count, 0), paths: lists.flatMap((l) => l.paths).sort() };
}

function named(list: EditList): string {
  const shown = list.paths.slice(0, NAMES_SHOWN);
  const more = list.count - shown.length;
  return more > 0 ? `${shown.join(', ')} (+${more} more)` : shown.join(', ');
}
