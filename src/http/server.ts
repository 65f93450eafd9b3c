/**
 * The HTTP API assembled (not yet listening): zod schemas validate requests and serialize
 * answers (the same view schemas the CLI prints), @fastify/swagger builds /openapi.json from
 * them; CORS, then auth, on the root instance so every route (and /mcp) passes through them.
 * The body limit follows the changes limits: a body that cannot hold allowed changes is 413;
 * routes that take less say so (bodyLimit). Connections and bodies: connection-limits.ts, json-body.ts.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.js';
import { changesFileSizeLimit } from '../changes/changes-file.js';
import { mountDashboard } from '../dashboard/mount.js';
import { installAuth } from './auth.js';
import { connectionOptions, limitConnections } from './connection-limits.js';
import { installCors } from './cors.js';
import { installErrorHandler } from './error-handler.js';
import { installExpiryTimer } from './expiry-timer.js';
import { installJsonBody } from './json-body.js';
import { mountMcp } from './mcp-mount.js';
import { eventRoutes } from './routes/events.js';
import { imageRoutes } from './routes/images.js';
import { projectRoutes } from './routes/projects.js';
import { proposalRoutes } from './routes/proposals.js';
import { serviceRoutes } from './routes/service.js';
import { submitRoutes } from './routes/submit.js';
import { runRoutes } from './routes/run.js';
import { jobRoutes } from './routes/jobs.js';
import { rememberState, type ServerState } from './server-state.js';
import { StreamLimits } from './stream-limits.js';

export interface ServerOptions {
  /** Identities of the workers this process runs (for /v1/health). */
  readonly inProcessWorkers?: () => readonly string[];
  /** Request log lines on stderr. */
  readonly log?: boolean;
}

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const bodyLimit = changesFileSizeLimit({ maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES });
  const app = Fastify({ bodyLimit, logger: options.log === true ? { level: 'info', stream: process.stderr } : false, return503OnClosing: true, ...connectionOptions(config) });
  limitConnections(app.server, config);
  installJsonBody(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installCors(app, config.PATCHPROOF_CORS_ORIGINS);
  installAuth(app, config.PATCHPROOF_API_TOKENS, config.PATCHPROOF_CORS_ORIGINS);

  const state: ServerState = {
    ctx,
    waiting: new Set(),
    streams: new StreamLimits(config.PATCHPROOF_HTTP_MAX_STREAMS, config.PATCHPROOF_HTTP_MAX_STREAMS_PER_CLIENT),
    inProcessWorkers: options.inProcessWorkers ?? (() => []),
  };
  rememberState(app, state);
  installExpiryTimer(app, ctx);
  // Streams and ?wait requests end when the server closes, so close() does not wait on them.
  app.addHook('preClose', async () => {
    for (const controller of state.waiting) controller.abort();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'patchproof', version: '1', description: 'Validates proposed code changes by running the project\'s tests in a hardened sandbox.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      ...(config.PATCHPROOF_API_TOKENS === undefined ? {} : { security: [{ bearer: [] }] }),
    },
    transform: jsonSchemaTransform,
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();
  await typed.register(projectRoutes, state);
  await typed.register(submitRoutes, state);
  await typed.register(proposalRoutes, state);
  await typed.register(eventRoutes, state);
  await typed.register(imageRoutes, state);
  await typed.register(serviceRoutes, state);
  await typed.register(runRoutes, state);
  await typed.register(jobRoutes, state);
  typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await mountMcp(app, state);
  // The operator's dashboard at / (dashboard/): pages over the same use cases, session cookies for the same tokens.
  await mountDashboard(app, state);
  return app;
}
