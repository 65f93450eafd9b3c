/**
 * POST /v1/proposals: changes (whole files) or a diff's text, queued for a worker. 202 with the
 * submitted proposal and its URL in Location; with `?wait=SECONDS` (cut to
 * PATCHPROOF_HTTP_MAX_WAIT_S) a verdict that comes sooner is answered as 200 with the whole
 * proposal. Idempotency-Key makes retries safe (kept in the database a day: app/use-cases/submit.ts);
 * past PATCHPROOF_MAX_PENDING waiting proposals, the use case refuses (QueueFull): 503 queue_full
 * with Retry-After.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryWholeNumber } from '../../app/views/query-number.js';
import { checkedChanges } from '../../app/checked-changes.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { submit, type SubmitOptions } from '../../app/use-cases/submit.js';
import { IdempotencyKeyText } from '../../app/idempotency.js';
import { requestScope } from '../auth.js';
import { ProposalView, SubmittedView } from '../../app/views/proposal-view.js';
import { SubmitRequest } from '../../app/views/submit-request.js';
import type { AppContext } from '../../app/context.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';
import { waitForVerdict } from '../wait-for-verdict.js';

const SubmitQuery = z.strictObject({ wait: queryWholeNumber(0, 86_400).optional().describe('seconds to wait for the verdict (capped by the server)') });
const SubmitHeaders = z.object({
  'idempotency-key': IdempotencyKeyText.optional().describe('the same key with the same body, within 24 h, answers with the proposal the first request made (on any server over the database); with another body, 409'),
});
const FINISHED = new Set(['executed', 'rejected', 'error']);

export const submitRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  const { ctx } = state;
  app.post('/v1/proposals', {
    schema: {
      tags: ['proposals'],
      summary: 'Submit a change (changes or patch) to be validated',
      body: SubmitRequest,
      querystring: SubmitQuery,
      headers: SubmitHeaders,
      response: { 200: ProposalView.describe('the verdict came within ?wait'), 202: SubmittedView.describe('queued (or judged at once, see status)'), ...errorResponses(400, 404, 409, 413, 422, 503) },
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const idempotency = key === undefined ? undefined : { key, scope: requestScope(request, ctx.config.PATCHPROOF_API_TOKENS), request: request.body, field: 'idempotency-key' };
      const submitted = await submitBody(ctx, request.body, { idempotency });
      const location = `/v1/proposals/${submitted.proposalId}`;
      const wait = Math.min(request.query.wait ?? 0, ctx.config.PATCHPROOF_HTTP_MAX_WAIT_S);
      if (wait > 0 && (FINISHED.has(submitted.status) || (await waitForVerdict(state, submitted.proposalId, wait, request.raw)))) {
        return reply.code(200).header('location', location).send(await showProposal(ctx, submitted.proposalId));
      }
      return reply.code(202).header('location', location).send(submitted);
    },
  });
};

async function submitBody(ctx: AppContext, body: SubmitRequest, options: SubmitOptions) {
  return submit(ctx, {
    project: body.project,
    changes: body.changes === undefined ? undefined : checkedChanges(ctx, body.changes, 'changes'),
    patch: body.patch === undefined ? undefined : { text: body.patch.text, source: body.patch.source ?? 'patch' },
    title: body.title,
    author: body.author,
    priority: body.priority,
    rerun: body.rerun,
    protectTests: body.protectTests,
    strict: body.strict,
    minChangedCoverage: body.minChangedCoverage,
    overrides: body.overrides,
    base: body.base,
  }, options);
}
