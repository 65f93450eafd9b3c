/**
 * The worker's schedules (node-cron): batch revalidation, the janitor and image pruning. Each
 * job only enqueues or cleans; validations are the worker's. A job still running when its next
 * time comes is skipped (noOverlap), and a failed job is logged, never fatal.
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type Docker from 'dockerode';
import type { Config } from '../src/config.js';
import type { Storage } from '../src/storage/storage.js';
import { pruneIdleImages } from './image-pruner.js';
import { revalidationRound } from './revalidation.js';
import type { ThinkWorker } from './think-worker.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function startSchedules(config: Config, docker: Docker, storage: Storage, worker: ThinkWorker, log: (line: string) => void): () => Promise<void> {
  const tasks: ScheduledTask[] = [];
  const job = (name: string, expression: string, work: () => Promise<void>) => {
    tasks.push(
      schedule(
        expression,
        async () => {
          try {
            await work();
          } catch (error) {
            log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
        { name, noOverlap: true },
      ),
    );
  };

  if (config.PATCHPROOF_REVALIDATE_CRON !== undefined) {
    const projects = config.PATCHPROOF_REVALIDATE_PROJECTS ?? [];
    job('revalidation', config.PATCHPROOF_REVALIDATE_CRON, async () => {
      await revalidationRound(storage, projects, config.PATCHPROOF_MAX_PENDING, log);
    });
  }
  job('janitor', config.PATCHPROOF_JANITOR_CRON, () => worker.housekeeping('scheduled'));
  job('image pruning', config.PATCHPROOF_IMAGE_PRUNE_CRON, async () => {
    const removed = await pruneIdleImages(docker, storage.db, config.PATCHPROOF_IMAGE_MAX_IDLE_DAYS * DAY_MS);
    if (removed.length > 0) log(`image pruning: removed ${removed.join(', ')}`);
    await worker.boundImageDisk();
  });

  return async () => {
    for (const task of tasks) await task.destroy();
  };
}
