/**
 * The service's health and the queue's depth. Workers are seen through what they leave in the
 * database (a validation finished, or a live lease whose run's `claimed` event names its worker)
 * within the last lease period, so workers on other machines count too; an idle worker that has
 * claimed nothing lately is not seen (there is no heartbeat table).
 */
import { MoreThan, MoreThanOrEqual, Not, IsNull } from 'typeorm';
import { withDeadline } from '../../engine/engine-deadline.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import { ValidationEntity } from '../../storage/entities/validation-entity.js';
import type { AppContext } from '../context.js';
import type { HealthView } from '../views/health-view.js';

/** Health answers quickly even when the engine hangs. */
const PROBE_MS = 5_000;

/**
 * Changes waiting (what PATCHPROOF_MAX_PENDING bounds), baselines waiting (the service's own work,
 * not counted against it: storage/queue-admission.ts) and everything running.
 */
export async function queueDepth(ctx: AppContext): Promise<{ pending: number; baselines: number; running: number }> {
  const repo = (await ctx.storage()).db.getRepository(ProposalEntity);
  const [pending, baselines, running] = await Promise.all([
    repo.count({ where: { status: 'pending', kind: 'change' } }),
    repo.count({ where: { status: 'pending', kind: 'baseline' } }),
    repo.count({ where: { status: 'running' } }),
  ]);
  return { pending, baselines, running };
}

export async function health(ctx: AppContext, inProcessWorkers: readonly string[] = []): Promise<HealthView> {
  const leaseMs = ctx.config.PATCHPROOF_LEASE_S * 1000;
  const [engine, database] = await Promise.all([
    probe(async () => {
      const docker = await ctx.engine();
      await withDeadline('answering a ping', PROBE_MS, () => docker.ping());
    }),
    probe(async () => {
      await (await ctx.storage()).db.query('SELECT 1');
    }),
  ]);
  let seen = new Set(inProcessWorkers);
  let queue = { pending: 0, baselines: 0, running: 0 };
  if (database.ok) {
    queue = await queueDepth(ctx);
    seen = new Set([...seen, ...(await workersSeen(ctx, Date.now() - leaseMs))]);
  }
  return {
    ok: engine.ok && database.ok,
    engine,
    database,
    workers: { seen: [...seen].sort(), inProcess: inProcessWorkers.length, leasePeriodS: ctx.config.PATCHPROOF_LEASE_S },
    queue: { ...queue, maxPending: ctx.config.PATCHPROOF_MAX_PENDING },
  };
}

async function workersSeen(ctx: AppContext, since: number): Promise<string[]> {
  const storage = await ctx.storage();
  const finished = await storage.db.getRepository(ValidationEntity).find({ select: { worker: true }, where: { finishedAt: MoreThanOrEqual(since), worker: Not(IsNull()) }, take: 1000 });
  const leased = await storage.db.getRepository(ProposalEntity).find({ select: { id: true }, where: { status: 'running', leaseExpiresAt: MoreThan(Date.now()) }, take: 200 });
  const names = finished.flatMap((v) => (v.worker === null ? [] : [v.worker]));
  for (const { id } of leased) {
    const claimed = (await storage.progress.after(id, 0)).filter((e) => e.type === 'claimed').at(-1);
    if (claimed?.type === 'claimed') names.push(claimed.worker);
  }
  return names;
}

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; message: string | null }> {
  try {
    await check();
    return { ok: true, message: null };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
