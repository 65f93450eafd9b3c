/**
 * `patchproof worker`: the Think worker with its schedules. The first SIGTERM/SIGINT stops
 * claiming and lets running validations finish within PATCHPROOF_DRAIN_TIMEOUT_S; the second
 * (or the deadline) stops them, removes their containers and queues their proposals again.
 */
import { z } from 'zod';
import { ThinkWorker } from '../../../workers/think-worker.js';
import { startSchedules } from '../../../workers/schedules.js';
import type { Config } from '../../config.js';
import { hostAptMirror } from '../../engine/apt-mirror.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { UsageError } from '../../errors/usage-error.js';
import { workerConcurrency } from '../../capacity/default-concurrency.js';
import { pipelineSettings } from '../../pipeline/settings.js';
import { storeLabel } from '../../storage/data-source.js';
import { openStorage } from '../../storage/storage.js';
import { parseCommandArgs } from '../cli-args.js';
import { safeLine } from '../terminal-text.js';

const flags = z.object({ concurrency: z.coerce.number().int().min(1).max(64).optional() });

export async function workerCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('worker', args, {
    concurrency: { type: 'string' },
    'until-idle': { type: 'boolean', default: false },
    'no-schedules': { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`worker: unexpected argument "${positionals[0]}"`);
  const parsed = flags.safeParse({ concurrency: values.concurrency });
  if (!parsed.success) throw new UsageError(`worker: --concurrency ${parsed.error.issues[0]?.message ?? 'is invalid'} (1 to 64)`);

  // Log lines carry reasons and titles from proposals: escaped like every other terminal output.
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} worker ${process.pid}: ${safeLine(line)}\n`);
  const docker = await connectEngine(config);
  const storage = await openStorage(config);
  const concurrency = parsed.data.concurrency ?? workerConcurrency(config.PATCHPROOF_WORKER_CONCURRENCY, config.PATCHPROOF_MEMORY_MB);
  const worker = new ThinkWorker(docker, storage, {
    concurrency,
    warmSandboxes: config.PATCHPROOF_WARM_SANDBOXES ?? concurrency,
    imageDiskBytes: config.PATCHPROOF_IMAGE_DISK_MB === undefined ? undefined : config.PATCHPROOF_IMAGE_DISK_MB * 1024 * 1024,
    pollMs: config.PATCHPROOF_POLL_INTERVAL_MS,
    leaseMs: config.PATCHPROOF_LEASE_S * 1000,
    retry: { maxAttempts: config.PATCHPROOF_MAX_ATTEMPTS, backoffMs: config.PATCHPROOF_RETRY_BACKOFF_S * 1000 },
    store: storeLabel(config),
    settings: pipelineSettings(config, await hostAptMirror(config)),
    untilIdle: values['until-idle'],
    log,
  });
  const stopSchedules = values['no-schedules'] ? async () => undefined : startSchedules(config, docker, storage, worker, log);

  let signals = 0;
  let deadline: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1) {
      log(`${signal}: no new proposals; waiting up to ${config.PATCHPROOF_DRAIN_TIMEOUT_S} s for ${worker.runningCount} running validation(s) (signal again to stop them now)`);
      worker.drain();
      deadline = setTimeout(() => {
        log('drain deadline passed: stopping running validations');
        worker.abort();
      }, config.PATCHPROOF_DRAIN_TIMEOUT_S * 1000);
    } else {
      log(`${signal} again: stopping running validations and queueing their proposals again`);
      worker.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log(`started as ${worker.identity}: concurrency ${concurrency}, warm sandboxes ${config.PATCHPROOF_WARM_SANDBOXES ?? concurrency}, lease ${config.PATCHPROOF_LEASE_S} s`);
  try {
    await worker.run();
  } finally {
    clearTimeout(deadline);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopSchedules();
    await storage.close();
  }
  const f = worker.finished;
  log(`stopped: ${f.executed} executed, ${f.rejected} rejected, ${f.error} error, ${f.retried} to retry, ${f.released} queued again, ${f.lost} lost leases`);
  return 0;
}
