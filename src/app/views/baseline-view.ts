/** The baseline of a project's current state (`baseline --json`): the unchanged run changes are compared with. */
import { z } from 'zod';
import { Outcome, TestCountsView } from './parts.js';

export const BaselineView = z.object({
  project: z.string(),
  stateKey: z.string(),
  baselineId: z.string(),
  status: z.enum(['pending', 'running', 'executed', 'rejected', 'error']),
  made: z.boolean(),
  usable: z.boolean(),
  reason: z.string().nullable(),
  validationId: z.string().nullable(),
  outcome: Outcome.nullable(),
  reasonCode: z.string().nullable(),
  tests: TestCountsView.nullable(),
  failing: z.array(z.string()),
  truncated: z.string().nullable(),
  runs: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type BaselineView = z.infer<typeof BaselineView>;
