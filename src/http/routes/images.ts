/** GET /v1/images: the project images with size and last use, least recently used first (app/use-cases/images.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listImages } from '../../app/use-cases/images.js';
import { ImageListView } from '../../app/views/image-view.js';
import { errorResponses } from '../route-schemas.js';
import type { ServerState } from '../server-state.js';

export const imageRoutes: FastifyPluginAsyncZod<ServerState> = async (app, state) => {
  app.get('/v1/images', {
    schema: { tags: ['service'], summary: 'Project images: size, last use, in use; and the disk bound', response: { 200: ImageListView, ...errorResponses(503) } },
    handler: async () => listImages(state.ctx),
  });
};
