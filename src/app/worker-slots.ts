/**
 * Worker slots in a door's own process (`patchproof mcp --workers N`, `serve --workers N`), so
 * one command gives a whole service: the same Think worker `patchproof worker` runs, over the
 * door's context (its storage, engine and settings), without schedules (those belong to
 * `patchproof worker`). `stop` drains: running validations finish, up to `drainMs`, then are
 * stopped and their proposals queued again. Stopping twice is stopping once.
 */
import { ThinkWorker } from '../../workers/think-worker.js';
import type { AppContext } from './context.js';

export interface WorkerSlots {
  readonly identity: string;
  /** Stop claiming; wait for running validations (aborted after drainMs); resolves when the worker stopped. */
  stop(drainMs: number): Promise<void>;
  /** Stop running validations now (their containers removed, their proposals queued again). */
  abort(): void;
}

export async function startWorkerSlots(ctx: AppContext, slots: number, log: (line: string) => void): Promise<WorkerSlots> {
  const { config } = ctx;
  const worker = new ThinkWorker(await ctx.engine(), await ctx.storage(), {
    concurrency: slots,
    pollMs: config.PATCHPROOF_POLL_INTERVAL_MS,
    leaseMs: config.PATCHPROOF_LEASE_S * 1000,
    retry: { maxAttempts: config.PATCHPROOF_MAX_ATTEMPTS, backoffMs: config.PATCHPROOF_RETRY_BACKOFF_S * 1000 },
    store: ctx.store,
    settings: await ctx.settings(),
    log,
  });
  const running = worker.run().catch((error: unknown) => log(`worker stopped on an error: ${error instanceof Error ? error.message : String(error)}`));
  let stopped: Promise<void> | null = null;
  return {
    identity: worker.identity,
    stop(drainMs) {
      stopped ??= (async () => {
        worker.drain();
        const deadline = setTimeout(() => worker.abort(), drainMs);
        try {
          await running;
        } finally {
          clearTimeout(deadline);
        }
      })();
      return stopped;
    },
    abort: () => worker.abort(),
  };
}
