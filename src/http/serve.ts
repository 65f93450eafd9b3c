/**
 * The whole service in one process: the HTTP API, and with `workers > 0` that many validation
 * slots of the Think worker. The first SIGTERM/SIGINT closes the server (streams and waits end,
 * requests in flight finish) and drains the workers; a second stops running validations now.
 */
import { createContext } from '../app/context.js';
import type { Config } from '../config.js';
import { startInProcessWorkers, type InProcessWorkers } from '../../workers/in-process-workers.js';
import { assertServable } from './auth.js';
import { buildServer } from './server.js';

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly workers: number;
  readonly schedules: boolean;
  readonly log: (line: string) => void;
  /** Told the address once listening (stdout for the CLI). */
  readonly listening: (url: string) => void;
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  assertServable(options.host, config.PATCHPROOF_API_TOKENS);
  const ctx = createContext(config);
  let workers: InProcessWorkers | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: stopping running validations and queueing their proposals again`);
      workers?.abort();
      return;
    }
    stopping = true;
    options.log(`${signal}: closing the server; workers take no new proposals and finish running ones (within PATCHPROOF_DRAIN_TIMEOUT_S; signal again to stop them now)`);
    workers?.drain();
    resolveStop();
  };
  let stopping = false;
  let resolveStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStop = resolve));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const app = await buildServer(ctx, { inProcessWorkers: () => (workers === null ? [] : [workers.identity]), log: true });
    try {
      if (options.workers > 0) workers = await startInProcessWorkers(ctx, options.workers, { schedules: options.schedules, log: options.log });
      const url = await app.listen({ host: options.host, port: options.port });
      options.log(`serving on ${url}${workers === null ? '' : ` with ${options.workers} worker slot(s) as ${workers.identity}`}`);
      options.listening(url);
      await stopped;
    } finally {
      workers?.drain();
      await app.close();
      await workers?.done;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ctx.close();
  }
}
