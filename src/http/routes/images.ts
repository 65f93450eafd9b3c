/** GET /v1/images: the project images with size and last use, least recently used first (app/use-cases/images.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../app/paging-cursor.js';
import { queryWholeNumber } from '../../app/views/query-number.js';
import { listImages } from '../../app/use-cases/images.js';
import { ImageListView } from '../../app/views/image-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

export const imageRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  app.get('/v1/images', {
    schema: {
      tags: ['service'],
      summary: `Project images, least recently used first: size, last use, in use; how many in all and the disk bound (limit: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`,
      querystring: z.strictObject({ limit: queryWholeNumber(1, MAX_LIMIT).optional() }),
      response: { 200: ImageListView, ...errorResponses(400, 503) },
    },
    handler: async (request) => listImages(state.ctx, request.query.limit),
  });
};
