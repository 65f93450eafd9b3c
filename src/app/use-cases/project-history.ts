/**
 * A project over time, for its page: the latest 500 runs of its changes in up to 24 time buckets
 * (how they ended, how long they took), the image its latest run used, and its latest baseline
 * run. Reads only; unlike `baseline`, it never makes a baseline.
 */
import { z } from 'zod';
import { statsDialect } from '../../storage/stats/stats-dialect.js';
import { timeBuckets, totalOf } from '../activity-buckets.js';
import type { AppContext } from '../context.js';
import type { ProjectHistoryView } from '../views/activity-view.js';

const RUNS = 500;
// PostgreSQL returns bigint as strings; durations are simple-json text.
const Row = z.object({ kind: z.string(), outcome: z.string(), finished_at: z.coerce.number(), durations: z.string().nullable(), image: z.string().nullable() });
const BaselineRow = z.object({ id: z.string(), outcome: z.string(), reason: z.string(), tests_passed: z.coerce.number(), tests_failed: z.coerce.number(), finished_at: z.coerce.number() });
const Durations = z.record(z.string(), z.number());

export async function projectHistory(ctx: AppContext, key: string): Promise<ProjectHistoryView> {
  const storage = await ctx.storage();
  const project = await storage.projects.byNameOrId(key);
  const p1 = statsDialect(storage.db).param(1);
  const runs = z.array(Row).parse(await storage.db.query(
    `SELECT v.kind AS kind, v.outcome AS outcome, v.finished_at AS finished_at, v.durations AS durations, v.image AS image FROM validations v JOIN proposals p ON p.id = v.proposal_id
     WHERE p.project_id = ${p1} AND p.kind = 'change' ORDER BY v.finished_at DESC LIMIT ${RUNS}`,
    [project.id],
  ));
  const base = z.array(BaselineRow).parse(await storage.db.query(
    `SELECT v.id AS id, v.outcome AS outcome, v.reason AS reason, v.tests_passed AS tests_passed, v.tests_failed AS tests_failed, v.finished_at AS finished_at FROM validations v JOIN proposals p ON p.id = v.proposal_id
     WHERE p.project_id = ${p1} AND p.kind = 'baseline' ORDER BY v.finished_at DESC LIMIT 1`,
    [project.id],
  ))[0];
  const points = runs.map((r) => ({ finishedAt: r.finished_at, outcome: r.outcome, totalMs: totalOf(parseDurations(r.durations)) }));
  return {
    project: project.name,
    image: runs.find((r) => r.image !== null)?.image ?? null,
    baseline: base === undefined ? null : { validationId: base.id, outcome: base.outcome, reason: base.reason, passed: base.tests_passed, failed: base.tests_failed, finishedAt: new Date(base.finished_at).toISOString() },
    buckets: timeBuckets(points, 24),
    runs: runs.length,
  };
}

export function parseDurations(text: string | null): Record<string, number> | null {
  if (text === null) return null;
  try {
    const parsed = Durations.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
