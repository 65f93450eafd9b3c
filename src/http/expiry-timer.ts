/**
 * The server's periodic clean-up of what the database keeps only for a while (forgetExpired):
 * every EXPIRY_SWEEP_MS, never overlapping itself, stopped when the server closes. A failure is
 * logged and tried again next time: nothing waits on it.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { forgetExpired } from '../app/use-cases/forget-expired.js';

const EXPIRY_SWEEP_MS = 10 * 60 * 1000;

export function installExpiryTimer(app: FastifyInstance, ctx: AppContext): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    forgetExpired(ctx)
      .catch((error: unknown) => app.log.warn(`expired idempotency keys and sessions could not be removed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (running = false));
  }, EXPIRY_SWEEP_MS);
  // The timer alone keeps no process alive.
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
