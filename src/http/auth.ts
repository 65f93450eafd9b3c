/**
 * Who may call the API. With PATCHPROOF_API_TOKENS set, every request (the MCP endpoint too:
 * the hook is on the root instance) needs `Authorization: Bearer <token>`, compared in constant
 * time over equal-length digests. Without tokens the API serves loopback only: it refuses to
 * listen elsewhere, and refuses requests whose Host is not a loopback name (a page rebinding
 * its DNS name to 127.0.0.1 would otherwise reach it from a browser), and requests a browser sent
 * from another site (their Origin is neither this server nor one of PATCHPROOF_CORS_ORIGINS): a
 * page anywhere may POST without a body to 127.0.0.1 (no preflight for that), and nothing but
 * the Origin tells it from a local client.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerScope } from '../app/idempotency.js';
import { isDashboardPath } from '../dashboard/paths.js';
import { UsageError } from '../errors/usage-error.js';
import { HttpRefusal } from './http-refusal.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Refuses, before anything listens, to serve another address without tokens. */
export function assertServable(host: string, tokens: readonly string[] | undefined): void {
  if (tokens === undefined && !isLoopback(host)) {
    throw new UsageError(`serve: refusing to listen on ${host} without PATCHPROOF_API_TOKENS; set PATCHPROOF_API_TOKENS (comma-separated bearer tokens) or serve on 127.0.0.1`, { host }, { field: 'host' });
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function installAuth(app: FastifyInstance, tokens: readonly string[] | undefined, corsOrigins: readonly string[] = []): void {
  if (tokens === undefined) {
    app.addHook('onRequest', async (request) => {
      const host = hostName(request.headers.host ?? '');
      if (!isLoopback(host)) throw new HttpRefusal('unauthorized', `Host "${host}" is not a loopback name: without PATCHPROOF_API_TOKENS this API serves loopback only`, { field: 'host' });
      const origin = request.headers.origin;
      if (origin !== undefined && !corsOrigins.includes(origin) && !sameOrigin(origin, request.headers.host ?? '')) {
        throw new HttpRefusal('forbidden', `refused: a request from the web page at ${origin.slice(0, 200)}; without PATCHPROOF_API_TOKENS this API answers only its own pages and the origins PATCHPROOF_CORS_ORIGINS names`, { field: 'origin' });
      }
    });
    return;
  }
  const matches = tokenMatcher(tokens);
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return; // CORS preflights carry no credentials; cors.ts answers them.
    // The dashboard's pages take a session cookie instead, checked by dashboard/guard.ts.
    if (isDashboardPath(request.url)) return;
    const token = bearerToken(request.headers.authorization);
    const ok = matches(token ?? '');
    if (!ok || token === null) {
      throw new HttpRefusal('unauthorized', token === null ? 'this API needs Authorization: Bearer <token>' : 'the bearer token is not one this API accepts', {
        field: 'authorization',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
  });
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer +(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

/**
 * Whose idempotency keys a request's are: its bearer token's (checked by the hook above before any
 * route runs) when tokens are configured, else the one loopback caller's.
 */
export function requestScope(request: FastifyRequest, tokens: readonly string[] | undefined): string {
  return callerScope(tokens === undefined ? null : bearerToken(request.headers.authorization));
}

/** Whether a token is one of `tokens`; every token is compared, so the time taken says nothing about which one nearly matched. */
export function tokenMatcher(tokens: readonly string[]): (given: string) => boolean {
  const known = tokens.map(digest);
  return (given) => {
    const d = digest(given);
    let ok = false;
    for (const token of known) ok = timingSafeEqual(d, token) || ok;
    return ok;
  };
}

export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d+$/, '');
}

/** Whether a browser's Origin is this server's own, as the client reached it (its Host header). */
function sameOrigin(origin: string, host: string): boolean {
  return origin === `http://${host}` || origin === `https://${host}`;
}
