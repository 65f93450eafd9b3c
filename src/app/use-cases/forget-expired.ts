/**
 * What the database keeps only for a while, forgotten once its time is past: idempotency keys
 * after a day, dashboard sessions once expired. A server runs this on a timer (http/expiry-timer.ts); reads ignore what has
 * expired meanwhile, so the timer's pace is about space, not correctness.
 */
import { KEEP_KEY_MS } from '../../storage/idempotency-key-store.js';
import type { AppContext } from '../context.js';

export interface Forgotten {
  readonly idempotencyKeys: number;
  readonly dashboardSessions: number;
}

export async function forgetExpired(ctx: AppContext, now = Date.now()): Promise<Forgotten> {
  const storage = await ctx.storage();
  return { idempotencyKeys: await storage.idempotencyKeys.forgetBefore(now - KEEP_KEY_MS), dashboardSessions: await storage.dashboardSessions.forgetExpired(now) };
}
