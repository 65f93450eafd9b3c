/**
 * POST /v1/run (code run in a runtime, app/use-cases/run-code.ts) and GET /v1/runtimes. A run
 * asked not to wait, whose runtime has no warm sandbox ready, is answered 503 `starting` with
 * Retry-After; past PATCHPROOF_RUN_CONCURRENCY runs at once, 503 queue_full with Retry-After.
 * The runtimes' warm pools start with the server and stop when it closes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { startRuntimePools, stopRuntimes } from '../../app/runtime-service.js';
import { listRuntimes } from '../../app/use-cases/list-runtimes.js';
import { runCode } from '../../app/use-cases/run-code.js';
import { RunCodeRequest, RunCompletedView, RuntimesView, RunStartingView } from '../../app/views/run-code-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

export const runRoutes: FastifyPluginAsyncZod<ServerState> = async (app, { ctx }) => {
  startRuntimePools(ctx);
  app.addHook('onClose', async () => stopRuntimes(ctx));
  app.post('/v1/run', {
    schema: {
      tags: ['runtimes'],
      summary: 'Run code (or a step test suite against it) in a fresh sandbox of its runtime',
      body: RunCodeRequest,
      response: { 200: RunCompletedView, 503: RunStartingView.or(errorResponses(503)[503]), ...errorResponses(400, 413) },
    },
    handler: async (request, reply) => {
      const abort = new AbortController();
      request.raw.on('close', () => {
        if (!reply.sent) abort.abort();
      });
      // Past PATCHPROOF_RUN_CONCURRENCY, RunsBusy: 503 queue_full with Retry-After (error-handler.ts).
      const view = await runCode(ctx, request.body, { signal: abort.signal });
      if (view.status === 'starting') return reply.code(503).header('retry-after', String(view.retryAfterS)).send(view);
      return reply.code(200).send(view);
    },
  });
  app.get('/v1/runtimes', {
    schema: { tags: ['runtimes'], summary: "Each runtime and its warm pool's state", response: { 200: RuntimesView, ...errorResponses() } },
    handler: async () => listRuntimes(ctx),
  });
};
