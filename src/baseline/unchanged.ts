/** The project as a baseline runs it: the same snapshot and toolchain, no changes, nothing to protect. */
import type { PreparedProposal } from '../pipeline/prepare.js';
import { NO_TEST_EDITS } from '../pipeline/test-edits.js';

export function unchanged(prepared: PreparedProposal): PreparedProposal {
  return { ...prepared, changes: [], fault: null, testEdits: NO_TEST_EDITS, protectTests: false };
}
