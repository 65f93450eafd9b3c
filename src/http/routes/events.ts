/**
 * GET /v1/proposals/{id}/events: Server-Sent Events of a proposal's progress, the events kept so
 * far and then live, ending with the verdict. Each event's `id:` is its seq, so a client that
 * reconnects with Last-Event-ID gets only what came after. The poll loop stops when the client
 * goes away or the server closes. Streams open at once are bounded (stream-limits.ts): 429 past it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorView } from '../../app/error-mapping.js';
import { followProposal } from '../../app/use-cases/follow-proposal.js';
import { requireProposal } from '../../app/use-cases/require-proposal.js';
import { ProgressEventView } from '../../app/views/progress-event-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';
import { waitSlot } from '../server-state.js';
import { SseWriter } from '../sse-writer.js';
import { ProposalId } from './proposals.js';

const EventHeaders = z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/, 'must be the seq of an event received (a whole number)').optional() });

export const eventRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  const { ctx } = state;
  app.get('/v1/proposals/:id/events', {
    schema: {
      tags: ['proposals'],
      summary: 'Follow a proposal live (text/event-stream): each `data:` is one progress event, `id:` its seq; the last is the verdict',
      params: ProposalId,
      headers: EventHeaders,
      produces: ['text/event-stream'],
      response: { 200: ProgressEventView.describe('one event of the stream'), ...errorResponses(400, 404, 429, 503) },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const after = Number(request.headers['last-event-id'] ?? '0');
      // Refused as JSON while still possible: once the stream starts, the status is 200.
      await requireProposal(ctx, id);
      const release = state.streams.admit(request.raw);
      reply.hijack();
      const stream = new SseWriter(reply.raw, reply.getHeaders(), ctx.config.PATCHPROOF_SSE_HEARTBEAT_S * 1000);
      const slot = waitSlot(state);
      slot.controller.signal.addEventListener('abort', () => stream.close(), { once: true });
      try {
        for await (const event of followProposal(ctx, id, after, { signal: stream.signal })) {
          stream.send(event.type, ProgressEventView.parse(event), event.seq);
        }
      } catch (error) {
        stream.send('error', errorView(error));
      } finally {
        release();
        slot.release();
        stream.close();
      }
    },
  });
};
