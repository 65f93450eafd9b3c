/**
 * The MCP server's streamable HTTP endpoint at `/mcp`, on the same server as the API. It is
 * mounted after the auth hook on the root instance, so `/mcp` takes the same token rule as every
 * /v1 route (the handler checks it again: it also serves without fastify). fastify parses the
 * JSON body (up to the MCP message limit: a proposal as large as a changes file) and hands it to
 * the SDK's transport with the raw request and response, which the transport then owns.
 */
import type { FastifyInstance } from 'fastify';
import { createMcpHttpHandler } from '../mcp/http-handler.js';
import { mcpMessageLimit } from '../mcp/message-limit.js';
import type { ServerState } from './server-state.js';

export async function mountMcp(app: FastifyInstance, state: ServerState): Promise<void> {
  const { ctx } = state;
  const handler = createMcpHttpHandler(ctx, { tokens: ctx.config.PATCHPROOF_API_TOKENS ?? [] });
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    bodyLimit: mcpMessageLimit(ctx),
    schema: { hide: true },
    handler: async (request, reply) => {
      // A call may wait an hour for a verdict, polling all along: it counts as a stream (stream-limits.ts).
      const release = state.streams.admit(request.raw);
      reply.raw.once('close', release); // a response emits close once answered or cut off
      reply.hijack();
      await handler(request.raw, reply.raw, request.body);
    },
  });
}
