/**
 * What a connection may take before a request reaches a route, as fastify options: a whole
 * request (headers and body) within PATCHPROOF_HTTP_REQUEST_TIMEOUT_S, its headers within 30 s
 * of it (fastify's default is no limit at all, so a client trickling a body held its connection
 * for ever), checked every second (node's default is every 30 s). Refusals node makes before
 * fastify sees a request (a timeout, headers over node's 16 KiB, bytes that are not HTTP) and
 * fastify's router's (a path segment over 100 characters) answer with the one error view, not
 * fastify's own shape. Connections at once: PATCHPROOF_HTTP_MAX_CONNECTIONS (node closes the next).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorView } from '../app/views/error-view.js';
import type { Config } from '../config.js';

const HEADERS_TIMEOUT_MS = 30_000;
const CHECK_INTERVAL_MS = 1_000;
/** fastify's router's default: longer path segments (ids, names) are refused before a route runs. */
const MAX_PARAM_LENGTH = 100;

type ConnectionOptions = Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'http' | 'clientErrorHandler' | 'frameworkErrors' | 'routerOptions'>;

export function connectionOptions(config: Config): ConnectionOptions {
  const requestTimeout = config.PATCHPROOF_HTTP_REQUEST_TIMEOUT_S * 1000;
  return {
    requestTimeout,
    http: { headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout), connectionsCheckingInterval: CHECK_INTERVAL_MS },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    clientErrorHandler: (error, socket) => refuseConnection(error, socket, config.PATCHPROOF_HTTP_REQUEST_TIMEOUT_S),
    frameworkErrors: refuseUrl,
  };
}

export function limitConnections(server: Server, config: Config): void {
  server.maxConnections = config.PATCHPROOF_HTTP_MAX_CONNECTIONS;
}

/** fastify's router's refusals (FST_ERR_MAX_PARAM_LENGTH, FST_ERR_BAD_URL), by code. */
function refuseUrl(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const view: ErrorView = {
    error: tooLong
      ? { code: 'too_large', message: `a path segment is longer than ${MAX_PARAM_LENGTH} characters (ids and names are shorter)`, field: 'path' }
      : { code: 'invalid_input', message: 'the request URL is malformed (bad percent-encoding?)', field: 'path' },
  };
  void reply.code(tooLong ? 414 : 400).send(view);
}

/** node's clientError: the answer written straight to the socket, then closed (as node and fastify do). */
function refuseConnection(error: Error & { code?: string }, socket: Socket, timeoutS: number): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, view]: [number, string, ErrorView] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', { error: { code: 'invalid_input', message: `the request was not received within ${timeoutS} s (PATCHPROOF_HTTP_REQUEST_TIMEOUT_S; headers within 30 s)` } }]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', { error: { code: 'too_large', message: 'the request line and headers are larger than 16 KiB (a query string that long is not one of ours)', field: 'headers' } }]
        : [400, 'Bad Request', { error: { code: 'invalid_input', message: 'the request is not well-formed HTTP/1.1' } }];
  const body = JSON.stringify(view);
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy(error);
}
