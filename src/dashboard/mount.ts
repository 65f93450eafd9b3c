/**
 * The operator's dashboard, mounted on the API's server (same process, same tokens): pages drawn
 * on the server from the application layer's use cases and views, one stylesheet, one script,
 * live updates over SSE. Why this stack: no client build and no new dependency (nothing to keep
 * patched beyond fastify), pages that work with keyboard and screen readers as plain HTML, a first
 * load of ~15 KB, and one escaping rule (html.ts) instead of a framework's. Its own scope: a form-body parser, its own error pages, and headers on
 * every answer: Content-Security-Policy default-src 'self' (no inline script or style, no outside
 * request), no framing, no sniffing.
 */
import type { FastifyInstance } from 'fastify';
import { tokenMatcher } from '../http/auth.js';
import type { ServerState } from '../http/server-state.js';
import { DashboardSessions } from '../app/dashboard-sessions.js';
import { z } from 'zod';
import { loadAssets } from './assets.js';
import type { DashboardState } from './dashboard-state.js';
import { sendError } from './respond.js';
import { liveRoutes } from './routes/live-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { sessionRoutes } from './routes/session-routes.js';

const AssetParams = z.object({ file: z.string().max(100) });
const CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export async function mountDashboard(app: FastifyInstance, server: ServerState): Promise<void> {
  const tokens = server.ctx.config.PATCHPROOF_API_TOKENS;
  const state: DashboardState = {
    server,
    guard: { sessions: new DashboardSessions(server.ctx, server.ctx.config.PATCHPROOF_DASHBOARD_SESSION_S * 1000), tokenMatches: tokens === undefined ? null : tokenMatcher(tokens) },
  };
  const assets = loadAssets();
  await app.register(async (scope) => {
    // Pages, not API: kept out of /openapi.json.
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    scope.addHook('onRequest', async (_request, reply) => {
      reply.headers({ 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
    });
    scope.setErrorHandler((error, _request, reply) => sendError(reply, error));
    scope.get('/assets/:file', async (request, reply) => {
      const params = AssetParams.safeParse(request.params);
      const asset = params.success ? assets.get(params.data.file) : undefined;
      if (asset === undefined) return reply.code(404).type('text/plain').send('no such asset');
      return reply.type(asset.type).header('cache-control', 'public, max-age=300').send(asset.body);
    });
    sessionRoutes(scope, state);
    pageRoutes(scope, state);
    liveRoutes(scope, state);
  });
}
