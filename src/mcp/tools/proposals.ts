/** get_proposal and list_proposals: one proposal with its latest validations and their per-test results; a page of them. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { listProposals } from '../../app/use-cases/list-proposals.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { PROPOSAL_STATUS_VALUES, ProposalListPage } from '../../app/views/proposal-list-view.js';
import { ProposalView, VALIDATION_SUMMARIES, VALIDATIONS_WITH_TESTS } from '../../app/views/proposal-view.js';
import { MAX_LIMIT } from '../../app/paging-cursor.js';
import { runTool } from '../tool-result.js';

export function registerProposalTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'get_proposal',
    {
      title: 'Get a proposal',
      description: `One proposal by id: its status and reason, and its latest ${VALIDATIONS_WITH_TESTS} validations with per-test results, failure messages, coverage and resource use; the ${VALIDATION_SUMMARIES} before them without tests (olderValidations); validationsTotal counts them all. Pass validationsCursor back as validationsBefore for older ones with their tests.`,
      inputSchema: z.object({
        id: z.string().min(1).max(100).describe('the proposal id validate_proposal or list_proposals gave'),
        validationsBefore: z.string().min(1).max(500).optional().describe('a validationsCursor: the validations before those it came with'),
      }),
      outputSchema: ProposalView,
      annotations: { readOnlyHint: true },
    },
    ({ id, validationsBefore }) => runTool(() => showProposal(ctx, id, { validationsBefore })),
  );

  server.registerTool(
    'list_proposals',
    {
      title: 'List proposals',
      description: 'Proposals newest first, filtered by project, status, author or title text; pass nextCursor back as cursor for the next page. Items carry no changes or per-test results (use get_proposal).',
      inputSchema: z.object({
        project: z.string().min(1).max(200).optional(),
        status: z.enum(PROPOSAL_STATUS_VALUES).optional(),
        author: z.string().min(1).max(200).optional(),
        text: z.string().min(1).max(200).optional().describe('matched in titles'),
        cursor: z.string().min(1).max(500).optional(),
        limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
      }),
      outputSchema: ProposalListPage,
      annotations: { readOnlyHint: true },
    },
    (query) => runTool(() => listProposals(ctx, query)),
  );
}
