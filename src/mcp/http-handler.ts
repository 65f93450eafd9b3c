/**
 * MCP over streamable HTTP, as a plain Node handler `serve` mounts at /mcp (any framework that
 * gives the raw request and response can). Stateless: each POST gets its own server and
 * transport over the shared context, so nothing is kept between requests and any instance can
 * answer; a tool call's progress notifications stream back on that POST's SSE response. GET
 * (a standalone notification stream) and DELETE (a session's end) have nothing to serve: 405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../app/context.js';
import type { ErrorView } from '../app/views/error-view.js';
import { callerScope } from '../app/idempotency.js';
import { mcpMessageLimit } from './message-limit.js';
import { authorize } from './request-auth.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export interface McpHttpOptions extends McpServerOptions {
  /** Bearer tokens (PATCHPROOF_API_TOKENS); empty: loopback clients only. */
  readonly tokens: readonly string[];
  readonly log?: (line: string) => void;
}

export type McpHttpHandler = (req: IncomingMessage, res: ServerResponse, parsedBody?: unknown) => Promise<void>;

export function createMcpHttpHandler(ctx: AppContext, options: McpHttpOptions): McpHttpHandler {
  const log = options.log ?? (() => undefined);
  return async (req, res, parsedBody) => {
    const auth = authorize(req, options.tokens);
    if (!auth.ok) {
      refuse(res, auth.status, { error: { code: auth.status === 401 ? 'unauthorized' : 'forbidden', message: auth.message, field: 'authorization' } }, auth.status === 401 ? { 'www-authenticate': 'Bearer realm="patchproof"' } : {});
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, { error: { code: 'invalid_input', message: `${req.method ?? 'this method'} is not served: MCP requests are POSTed (stateless streamable HTTP)`, field: 'method' } }, { allow: 'POST' });
      return;
    }
    // The SDK hands `req.auth` to each tool call (extra.authInfo): validate_proposal's keys are per token.
    if (auth.token !== null) Object.assign(req, { auth: { token: auth.token, clientId: callerScope(auth.token), scopes: [] } });
    const server = createMcpServer(ctx, options);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, maxRequestBodySize: mcpMessageLimit(ctx) });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, parsedBody);
    } catch (error) {
      log(`mcp request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) refuse(res, 500, { error: { code: 'internal', message: 'the MCP request could not be handled' } }, {});
    }
  };
}

function refuse(res: ServerResponse, status: number, body: ErrorView, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
