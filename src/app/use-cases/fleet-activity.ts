/**
 * The fleet lately, for the dashboard: validations finished per minute over the last hour, the
 * latest 1,000 runs in up to 24 time buckets, what infrastructure errors were caused by, and
 * which worker runs which proposal now (from the `claimed` event of each live lease, so workers
 * on other machines show too).
 */
import { MoreThan } from 'typeorm';
import { z } from 'zod';
import { ProjectEntity } from '../../storage/entities/project-entity.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import { timeBuckets, totalOf } from '../activity-buckets.js';
import type { AppContext } from '../context.js';
import type { FleetView } from '../views/activity-view.js';
import { parseDurations } from './project-history.js';

const Row = z.object({ outcome: z.string(), reason_code: z.string(), finished_at: z.coerce.number(), durations: z.string().nullable() });

export async function fleetActivity(ctx: AppContext, now = Date.now()): Promise<FleetView> {
  const storage = await ctx.storage();
  const runs = z.array(Row).parse(await storage.db.query(`SELECT v.outcome AS outcome, v.reason_code AS reason_code, v.finished_at AS finished_at, v.durations AS durations FROM validations v ORDER BY v.finished_at DESC LIMIT 1000`));
  const hourAgo = now - 60 * 60_000;
  const minuteOf = (at: number) => Math.floor((at - hourAgo) / 60_000);
  const perMinute = Array.from({ length: 60 }, (_, i) => ({ start: new Date(hourAgo + i * 60_000).toISOString(), count: 0 }));
  const causes = new Map<string, number>();
  for (const r of runs) {
    const slot = perMinute[minuteOf(r.finished_at)];
    if (r.finished_at >= hourAgo && slot !== undefined) slot.count += 1;
    if (r.outcome === 'error') causes.set(r.reason_code, (causes.get(r.reason_code) ?? 0) + 1);
  }
  const leased = await storage.db.getRepository(ProposalEntity).find({ select: { id: true, title: true, projectId: true }, where: { status: 'running', leaseExpiresAt: MoreThan(now) }, take: 200 });
  const projects = new Map((await storage.db.getRepository(ProjectEntity).find({ select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const running: FleetView['running'] = [];
  for (const p of leased) {
    // The last 1,000 events: a run's output lines come after its claim, a long log may push it out.
    const events = await storage.progress.after(p.id, Math.max(0, (await storage.progress.lastSeq(p.id)) - 1000), 1000);
    const claimed = events.filter((e) => e.type === 'claimed').at(-1);
    const phase = events.filter((e) => e.type === 'phase_started').at(-1);
    running.push({ worker: claimed?.type === 'claimed' ? claimed.worker : 'unknown', proposalId: p.id, title: p.title, project: projects.get(p.projectId) ?? '?', phase: phase?.type === 'phase_started' ? phase.phase : null });
  }
  return {
    perMinute,
    buckets: timeBuckets(runs.map((r) => ({ finishedAt: r.finished_at, outcome: r.outcome, totalMs: totalOf(parseDurations(r.durations)) })), 24),
    errorCauses: [...causes].map(([reasonCode, count]) => ({ reasonCode, count })).sort((a, b) => b.count - a.count),
    running: running.sort((a, b) => a.worker.localeCompare(b.worker)),
  };
}

