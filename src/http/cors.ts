/**
 * CORS only for the origins PATCHPROOF_CORS_ORIGINS names (none by default): the allowed origin
 * is echoed back, preflights are answered here, before auth, as browsers send them bare.
 */
import type { FastifyInstance } from 'fastify';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, last-event-id';

export function installCors(app: FastifyInstance, origins: readonly string[] | undefined): void {
  if (origins === undefined) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    // Every answer varies by Origin (a cache must not hand one origin's answer to another).
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'location, retry-after');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      return reply.code(204).header('access-control-allow-methods', 'GET, POST, DELETE').header('access-control-allow-headers', ALLOWED_HEADERS).header('access-control-max-age', '600').send();
    }
  });
}
