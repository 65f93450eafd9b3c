/**
 * A page of proposals, newest first, with the cursor of the next page (null on the last): what
 * `proposals list --json` prints and `GET /v1/proposals` will answer. Items never carry changes,
 * patches or logs.
 */
import { z } from 'zod';

export const PROPOSAL_STATUS_VALUES = ['pending', 'running', 'executed', 'rejected', 'error'] as const;

export const ProposalListItem = z.object({
  id: z.string(),
  project: z.string(),
  projectRoot: z.string(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUS_VALUES),
  reason: z.string().nullable(),
  reusedFrom: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProposalListItem = z.infer<typeof ProposalListItem>;

export const ProposalListPage = z.object({ items: z.array(ProposalListItem), nextCursor: z.string().nullable() });
export type ProposalListPage = z.infer<typeof ProposalListPage>;
