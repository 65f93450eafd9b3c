/**
 * Live updates for the pages, as Server-Sent Events (EventSource sends the session cookie, not a
 * bearer token, so these stand beside the API's /v1/proposals/{id}/events):
 * - /live/proposals?filters: the first page's rows and the queue line, redrawn on the server and
 *   sent whenever they change (polled every PATCHPROOF_POLL_INTERVAL_MS);
 * - /proposals/{id}/events: the proposal's progress events (followProposal), resumable with Last-Event-ID.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorView } from '../../app/error-mapping.js';
import { currentRunStart } from '../../app/use-cases/current-run-start.js';
import { followProposal } from '../../app/use-cases/follow-proposal.js';
import { requireProposal } from '../../app/use-cases/require-proposal.js';
import { ProgressEventView } from '../../app/views/progress-event-view.js';
import { waitSlot } from '../../http/server-state.js';
import { SseWriter } from '../../http/sse-writer.js';
import type { DashboardState } from '../dashboard-state.js';
import { requireSession } from '../guard.js';
import { ListFilters } from '../list-query.js';
import { liveParts } from '../pages/proposals-page.js';
import { parseInput } from '../parse-input.js';

const Id = z.object({ id: z.string().min(1).max(100) });
const AfterQuery = z.object({ after: z.string().regex(/^\d{1,15}$/).optional() });
const LastEventId = z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/).optional() });

export function liveRoutes(app: FastifyInstance, state: DashboardState): void {
  const { ctx } = state.server;
  // Bounded as the API's streams are (http/stream-limits.ts): refused (429) before the stream starts.
  const open = (request: FastifyRequest, reply: FastifyReply) => {
    const release = state.server.streams.admit(request.raw);
    reply.hijack();
    const stream = new SseWriter(reply.raw, reply.getHeaders(), ctx.config.PATCHPROOF_SSE_HEARTBEAT_S * 1000);
    const wait = waitSlot(state.server);
    wait.controller.signal.addEventListener('abort', () => stream.close(), { once: true });
    const slot = {
      release: () => {
        wait.release();
        release();
      },
    };
    return { stream, slot };
  };

  app.get('/live/proposals', async (request, reply) => {
    await requireSession(state.guard, request);
    const filters = parseInput(ListFilters, request.query, 'query');
    const { stream, slot } = open(request, reply);
    let last = '';
    try {
      while (!stream.signal.aborted) {
        const parts = await liveParts(ctx, { ...filters, cursor: undefined });
        const now = `${parts.queue.text}\n${parts.rows.text}`;
        if (now !== last) stream.send('rows', { queue: parts.queue.text, rows: parts.rows.text });
        last = now;
        await sleep(ctx.config.PATCHPROOF_POLL_INTERVAL_MS, stream.signal);
      }
    } catch (error) {
      stream.send('error', errorView(error));
    } finally {
      slot.release();
      stream.close();
    }
  });

  app.get('/proposals/:id/events', async (request, reply) => {
    await requireSession(state.guard, request);
    const { id } = parseInput(Id, request.params, 'id');
    // EventSource resends Last-Event-ID on its own reconnects; ?after= is for a fresh follow after a known event.
    const headers = LastEventId.safeParse(request.headers);
    const query = AfterQuery.safeParse(request.query);
    await requireProposal(ctx, id);
    const given = (headers.success ? headers.data['last-event-id'] : undefined) ?? (query.success ? query.data.after : undefined);
    const after = given === undefined ? await currentRunStart(ctx, id) : Number(given);
    const { stream, slot } = open(request, reply);
    try {
      for await (const event of followProposal(ctx, id, after, { signal: stream.signal })) stream.send(event.type, ProgressEventView.parse(event), event.seq);
    } catch (error) {
      stream.send('error', errorView(error));
    } finally {
      slot.release();
      stream.close();
    }
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
