/**
 * The Think worker inside a door's own process (`serve --workers N`, `mcp --workers N`), so one
 * command gives a whole service: N validation slots over the process's own app context (one
 * database connection, one engine client), with its schedules when asked. `drain()` stops
 * claiming and lets running validations finish within PATCHPROOF_DRAIN_TIMEOUT_S (or `stop`'s
 * own time), then stops them (their proposals return to the queue); `done` settles once the
 * worker ended.
 */
import type { AppContext } from '../src/app/context.js';
import { storeLabel } from '../src/storage/data-source.js';
import { startSchedules } from './schedules.js';
import { ThinkWorker } from './think-worker.js';

export interface InProcessWorkers {
  readonly identity: string;
  readonly done: Promise<void>;
  drain(): void;
  /** Drains, stopping what still runs after `drainMs`; resolves once the worker ended. */
  stop(drainMs: number): Promise<void>;
  /** Stops running validations now (a second signal). */
  abort(): void;
}

export async function startInProcessWorkers(ctx: AppContext, slots: number, options: { schedules: boolean; log: (line: string) => void }): Promise<InProcessWorkers> {
  const { config } = ctx;
  const [docker, storage, settings] = await Promise.all([ctx.engine(), ctx.storage(), ctx.settings()]);
  const worker = new ThinkWorker(docker, storage, {
    concurrency: slots,
    pollMs: config.PATCHPROOF_POLL_INTERVAL_MS,
    leaseMs: config.PATCHPROOF_LEASE_S * 1000,
    retry: { maxAttempts: config.PATCHPROOF_MAX_ATTEMPTS, backoffMs: config.PATCHPROOF_RETRY_BACKOFF_S * 1000 },
    store: storeLabel(config),
    settings,
    log: options.log,
    warmSandboxes: config.PATCHPROOF_WARM_SANDBOXES ?? slots,
    imageDiskBytes: config.PATCHPROOF_IMAGE_DISK_MB === undefined ? undefined : config.PATCHPROOF_IMAGE_DISK_MB * 1024 * 1024,
  });
  const stopSchedules = options.schedules ? startSchedules(config, docker, storage, worker, options.log) : async () => undefined;
  let deadline: NodeJS.Timeout | undefined;
  const done = worker.run().finally(async () => {
    clearTimeout(deadline);
    await stopSchedules();
  });
  return {
    identity: worker.identity,
    done,
    drain() {
      if (deadline !== undefined) return;
      worker.drain();
      deadline = setTimeout(() => {
        options.log('drain deadline passed: stopping running validations');
        worker.abort();
      }, config.PATCHPROOF_DRAIN_TIMEOUT_S * 1000);
    },
    stop(drainMs) {
      worker.drain();
      deadline ??= setTimeout(() => worker.abort(), drainMs);
      return done.catch((error: unknown) => options.log(`worker stopped on an error: ${error instanceof Error ? error.message : String(error)}`));
    },
    abort: () => worker.abort(),
  };
}
