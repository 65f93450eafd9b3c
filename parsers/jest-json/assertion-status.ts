/**
 * jest's assertion statuses in the shared vocabulary. `todo` and `pending` (test.skip) are
 * skipped, never passed: a todo has no body at all. An unknown status is an error, so a jest
 * release that adds one cannot make a run look green.
 */
import type { TestStatus } from '../report.js';

export function assertionStatus(status: string): { status: TestStatus; known: boolean } {
  switch (status) {
    case 'passed':
      return { status: 'passed', known: true };
    case 'failed':
      return { status: 'failed', known: true };
    case 'pending':
    case 'skipped':
    case 'disabled':
    case 'todo':
      return { status: 'skipped', known: true };
    case 'error':
      return { status: 'error', known: true };
    default:
      return { status: 'error', known: false };
  }
}
