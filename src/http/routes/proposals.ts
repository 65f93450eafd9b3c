/** /v1/proposals: the list (filters, cursor paging), one proposal with per-test results, revalidation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryWholeNumber } from '../../app/views/query-number.js';
import { MAX_LIMIT } from '../../app/paging-cursor.js';
import { listProposals } from '../../app/use-cases/list-proposals.js';
import { requireProposal } from '../../app/use-cases/require-proposal.js';
import { revalidate } from '../../app/use-cases/revalidate.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { PROPOSAL_STATUS_VALUES, ProposalListPage } from '../../app/views/proposal-list-view.js';
import { ProposalView, RevalidateView, VALIDATION_SUMMARIES, VALIDATIONS_WITH_TESTS } from '../../app/views/proposal-view.js';
import { errorResponses, NO_BODY_LIMIT } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

const ListQuery = z.strictObject({
  project: z.string().min(1).max(200).optional(),
  status: z.enum(PROPOSAL_STATUS_VALUES).optional(),
  author: z.string().min(1).max(200).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: queryWholeNumber(1, MAX_LIMIT).optional(),
});

export const ProposalId = z.object({ id: z.string().min(1).max(100) });

export const proposalRoutes: FastifyPluginAsyncZod<ServerState> = async (app, { ctx }) => {
  app.get('/v1/proposals', {
    schema: { tags: ['proposals'], summary: 'Proposals, newest first, one page at a time', querystring: ListQuery, response: { 200: ProposalListPage, ...errorResponses(400, 404, 503) } },
    handler: async (request) => listProposals(ctx, request.query),
  });
  app.get('/v1/proposals/:id', {
    schema: {
      tags: ['proposals'],
      summary: 'One proposal with its validations and their per-test results, bounded',
      description: `The latest ${VALIDATIONS_WITH_TESTS} validations come with their per-test results (\`validations\`), the ${VALIDATION_SUMMARIES} before them without (\`olderValidations\`); \`validationsTotal\` counts them all. When older ones exist, \`validationsCursor\` passed back as \`validationsBefore\` gives the ${VALIDATIONS_WITH_TESTS} before those with their tests, and so on. A reused verdict carries the latest ${VALIDATIONS_WITH_TESTS} of the proposal that ran (\`reusedValidations\`); read that proposal for more.`,
      params: ProposalId,
      querystring: z.strictObject({ validationsBefore: z.string().min(1).max(500).optional().describe('a validationsCursor: the validations before those it was given with') }),
      response: { 200: ProposalView, ...errorResponses(400, 404, 503) },
    },
    handler: async (request) => showProposal(ctx, request.params.id, request.query),
  });
  app.post('/v1/proposals/:id/revalidate', {
    bodyLimit: NO_BODY_LIMIT,
    schema: {
      tags: ['proposals'],
      summary: 'Queue a finished proposal again (under its stored overrides); `queued` is empty when it has not finished',
      description: 'Admitted to the queue like a new proposal: while PATCHPROOF_MAX_PENDING proposals wait, 503 queue_full with Retry-After, and nothing is queued.',
      params: ProposalId,
      response: { 202: RevalidateView, ...errorResponses(404, 503) },
    },
    handler: async (request, reply) => {
      await requireProposal(ctx, request.params.id);
      const view = await revalidate(ctx, { proposalIds: [request.params.id] });
      return reply.code(202).header('location', `/v1/proposals/${request.params.id}`).send(view);
    },
  });
};
