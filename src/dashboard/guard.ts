/**
 * Who may see the dashboard, and which requests may change something. With PATCHPROOF_API_TOKENS
 * a page needs a session made by logging in with a token (else a redirect to /login); without
 * tokens the API's loopback rule already applies (http/auth.ts) and a session is made on the first
 * page, only to carry the CSRF token. A state-changing request (POST) must come from this origin
 * (its Origin header) and carry its session's CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, SESSION_COOKIE, sessionCookie } from './cookies.js';
import type { DashboardSessions, Session } from '../app/dashboard-sessions.js';

export class DashboardRefusal extends Error {
  override readonly name = 'DashboardRefusal';
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export interface Guard {
  readonly sessions: DashboardSessions;
  /** null: no tokens configured (loopback only, no login). */
  readonly tokenMatches: ((given: string) => boolean) | null;
}

export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function currentSession(guard: Guard, request: FastifyRequest): Promise<Session | null> {
  return guard.sessions.get(readCookie(request.headers.cookie, SESSION_COOKIE));
}

export async function startSession(guard: Guard, request: FastifyRequest, reply: FastifyReply): Promise<Session> {
  const session = await guard.sessions.create();
  reply.header('set-cookie', sessionCookie(session.id, guard.sessions.ttlSeconds, isSecure(request)));
  return session;
}

/** The session of a page request; null when the caller was sent to the login form. */
export async function pageSession(guard: Guard, request: FastifyRequest, reply: FastifyReply): Promise<Session | null> {
  const session = await currentSession(guard, request);
  if (session !== null) return session;
  if (guard.tokenMatches === null) return startSession(guard, request, reply);
  void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  return null;
}

/** The session of a request that is not a page (live streams): refused without one. */
export async function requireSession(guard: Guard, request: FastifyRequest): Promise<Session> {
  const session = await currentSession(guard, request);
  if (session === null && guard.tokenMatches !== null) throw new DashboardRefusal(401, 'log in first: this dashboard needs a session');
  return session ?? guard.sessions.unstored();
}

/** A form POST from this origin. Browsers send Origin on every POST; one without it is refused. */
export function requireSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const expected = `${request.protocol}://${request.headers.host ?? ''}`;
  if (origin !== expected) throw new DashboardRefusal(403, `refused: the request's Origin (${origin ?? 'none'}) is not this dashboard (${expected})`);
}

export function requireCsrf(session: Session, given: string | undefined): void {
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given ?? '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DashboardRefusal(403, 'refused: the form is stale or not from this dashboard (CSRF token); reload the page and try again');
}
