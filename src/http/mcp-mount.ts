/**
 * TODO(issue 14 part 4, the MCP engineer): mount the streamable HTTP MCP handler at `/mcp` here
 * (POST/GET/DELETE on `app`, handing `request.raw`/`reply.raw` to the SDK's transport after
 * `reply.hijack()`). It is called after the auth hook is installed on the root instance, so
 * `/mcp` gets the same token rule (bearer tokens, or loopback only) as every /v1 route.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';

export async function mountMcp(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
