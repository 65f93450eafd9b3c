/**
 * Script jobs: POST /v1/jobs (run now, or on its cron schedule), GET /v1/jobs/{id} (with its
 * history), GET /v1/jobs (the latest), GET /v1/jobs/{id}/events (SSE: the latest run's status
 * changes and log as stored, whichever server runs it, then `end` with the job), DELETE /v1/jobs/{id} (schedule stopped, a run going
 * cancelled, history kept; idempotent). The server keeps the schedules and waits for the runs
 * going when it closes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryWholeNumber } from '../../app/views/query-number.js';
import { errorView } from '../../app/error-mapping.js';
import { jobService, stopJobs } from '../../app/job-service.js';
import { followJob } from '../../app/use-cases/follow-job.js';
import { deleteJob, listJobs, MAX_LIST, showJob, submitJob } from '../../app/use-cases/jobs.js';
import { JobListView, JobRequest, JobStreamEventView, JobView, MAX_INPUT_CHARS, MAX_SCRIPT_BYTES, MAX_VARIABLE_CHARS, MAX_VARIABLES } from '../../app/views/job-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';
import { waitSlot } from '../server-state.js';
import { SseWriter } from '../sse-writer.js';

/**
 * The most a job request's JSON text needs: its schema's maxima (script, input, variables with
 * their names), doubled for JSON's escapes and spacing, plus room for the rest. About 14 MB, where
 * the server's default (a proposal's changes) is about 100 MB.
 */
export const JOB_BODY_LIMIT = 2 * (MAX_SCRIPT_BYTES + MAX_INPUT_CHARS + MAX_VARIABLES * (MAX_VARIABLE_CHARS + 64)) + 64 * 1024;

const JobId = z.object({ id: z.string().uuid() });
const EventHeaders = z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/, 'must be the seq of an event received (a whole number)').optional() });

export const jobRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  const { ctx } = state;
  // In the background: the server starts (and answers /health) even when the database is slow to open.
  jobService(ctx)
    .startScheduler()
    .catch((error: unknown) => void process.stderr.write(`patchproof: the job schedules could not be loaded: ${error instanceof Error ? error.message : String(error)}\n`));
  app.addHook('onClose', async () => stopJobs(ctx));
  app.post('/v1/jobs', {
    bodyLimit: JOB_BODY_LIMIT,
    schema: {
      tags: ['jobs'],
      summary: 'Run a script job (bash, python or node) in a fresh sandbox, now or on a cron schedule',
      body: JobRequest,
      response: { 202: JobView, ...errorResponses(400, 413) },
    },
    handler: async (request, reply) => reply.code(202).send(await submitJob(ctx, request.body)),
  });
  app.get('/v1/jobs', {
    schema: { tags: ['jobs'], summary: 'The latest jobs, newest first', querystring: z.object({ limit: queryWholeNumber(1, MAX_LIST).optional() }), response: { 200: JobListView, ...errorResponses(400) } },
    handler: async (request) => listJobs(ctx, request.query.limit),
  });
  app.get('/v1/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'A job, its latest run and its history (the last 50 runs)', params: JobId, response: { 200: JobView, ...errorResponses(400, 404) } },
    handler: async (request) => showJob(ctx, request.params.id),
  });
  app.delete('/v1/jobs/:id', {
    schema: {
      tags: ['jobs'],
      summary: 'Delete a job: its schedule stops (in every server sharing the database), a run queued or going is cancelled and its sandbox removed; its history stays readable. Deleting again answers the same',
      params: JobId,
      response: { 200: JobView, ...errorResponses(400, 404) },
    },
    handler: async (request) => deleteJob(ctx, request.params.id),
  });
  app.get('/v1/jobs/:id/events', {
    schema: {
      tags: ['jobs'],
      summary: "Follow a job's latest run (text/event-stream), from any server sharing the database: `status` and `log` events as stored (`id:` their seq, resumed with Last-Event-ID), then `end` with the job",
      params: JobId,
      headers: EventHeaders,
      produces: ['text/event-stream'],
      response: { 200: JobStreamEventView.describe('one event of the stream'), ...errorResponses(400, 404, 429, 503) },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      await showJob(ctx, id); // refused as JSON while still possible
      // Under the open-streams bound (stream-limits.ts), released in the finally.
      const release = state.streams.admit(request.raw);
      reply.hijack();
      const stream = new SseWriter(reply.raw, reply.getHeaders(), ctx.config.PATCHPROOF_SSE_HEARTBEAT_S * 1000);
      const slot = waitSlot(state);
      slot.controller.signal.addEventListener('abort', () => stream.close(), { once: true });
      try {
        for await (const event of followJob(ctx, id, { signal: stream.signal, after: Number(request.headers['last-event-id'] ?? '0') })) stream.send(event.type, event, event.seq);
      } catch (error) {
        if (!stream.signal.aborted) stream.send('error', errorView(error));
      } finally {
        release();
        slot.release();
        stream.close();
      }
    },
  });
};
