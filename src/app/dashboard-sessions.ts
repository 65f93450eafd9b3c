/**
 * Dashboard sessions, kept in the database so a restart keeps them and every server over the
 * database knows them (behind a load balancer a login on one is a login on all): a random id (the
 * cookie's value) whose sha-256 is all that is stored, with its CSRF token and its expiry, the
 * configured lifetime from its start. Logging out deletes the row, on every server at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';

export interface Session {
  readonly id: string;
  readonly csrf: string;
  readonly expiresAt: number;
}

/** What create() makes: 32 random bytes, base64url. Anything else is no session of ours. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class DashboardSessions {
  constructor(
    private readonly ctx: AppContext,
    private readonly ttlMs: number,
  ) {}

  async create(now = Date.now()): Promise<Session> {
    const session = { id: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url'), expiresAt: now + this.ttlMs };
    await (await this.ctx.storage()).dashboardSessions.add({ idDigest: sessionDigest(session.id), csrf: session.csrf, expiresAt: session.expiresAt }, now);
    return session;
  }

  async get(id: string | undefined, now = Date.now()): Promise<Session | null> {
    if (id === undefined || !SESSION_ID.test(id)) return null;
    const stored = await (await this.ctx.storage()).dashboardSessions.find(sessionDigest(id), now);
    return stored === null ? null : { id, csrf: stored.csrf, expiresAt: stored.expiresAt };
  }

  async delete(id: string | undefined): Promise<void> {
    if (id === undefined || !SESSION_ID.test(id)) return;
    await (await this.ctx.storage()).dashboardSessions.remove(sessionDigest(id));
  }

  /** A session never stored, for a request that needs none (no tokens configured): its CSRF token matches no form. */
  unstored(now = Date.now()): Session {
    return { id: '', csrf: randomBytes(24).toString('base64url'), expiresAt: now + this.ttlMs };
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }
}

function sessionDigest(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
