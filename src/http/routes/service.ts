/** The service as a whole: stats (computed in SQL) and health (engine, database, workers, queue). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { health } from '../../app/use-cases/health.js';
import { stats } from '../../app/use-cases/stats.js';
import { HealthView } from '../../app/views/health-view.js';
import { StatsView } from '../../app/views/stats-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

export const serviceRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  const { ctx } = state;
  app.get('/v1/stats', {
    schema: { tags: ['service'], summary: 'Outcomes, p50/p95 per phase, pass rates', querystring: z.strictObject({ project: z.string().min(1).max(200).optional() }), response: { 200: StatsView, ...errorResponses(400, 404, 503) } },
    handler: async (request) => stats(ctx, request.query),
  });
  app.get('/v1/health', {
    schema: { tags: ['service'], summary: 'Engine, database, workers seen in the last lease period, queue depth (503 when the engine or database does not answer)', response: { 200: HealthView, 503: HealthView, ...errorResponses() } },
    handler: async (_request, reply) => {
      const view = await health(ctx, state.inProcessWorkers());
      return reply.code(view.ok ? 200 : 503).send(view);
    },
  });
};
