/**
 * What operators ask of the records as a whole, aggregated in the database (GROUP BY, a window
 * for each proposal's latest run, nearest-rank percentiles by OFFSET): how validations end, how
 * long each phase takes (p50/p95), how often each project's proposals pass, what changes broke or
 * fixed against their baselines, and which revalidations changed a verdict. Rows never leave the
 * database but for the projects and the changed verdicts.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { phasePercentiles, type PhaseTimes } from './phase-percentiles.js';
import { statsDialect } from './stats-dialect.js';
import { SCOPED_VALIDATIONS, statsScope } from './stats-scope.js';

export interface OutcomeStats {
  readonly proposals: Record<string, number>;
  /** Runs by outcome; revalidations and baseline runs apart: `rejected (revalidation)`, `rejected (baseline)`. */
  readonly validations: Record<string, number>;
  readonly phases: Record<string, PhaseTimes>;
  /** Per project; `broken` and `fixed` add up the tests each proposal's latest validation broke or fixed against its baseline. */
  readonly projects: readonly { readonly name: string; readonly executed: number; readonly rejected: number; readonly passRate: number | null; readonly broken: number; readonly fixed: number; readonly baselines: number }[];
  readonly changedOnRevalidation: readonly { readonly proposalId: string; readonly from: string; readonly to: string; readonly at: string }[];
}

// Raw rows: PostgreSQL returns COUNT, SUM and bigint as strings.
const count = z.coerce.number();
const ProjectRow = z.object({ id: z.string(), name: z.string() });
const ProposalCount = z.object({ project_id: z.string(), kind: z.string(), status: z.string(), n: count });
const ValidationCount = z.object({ kind: z.string(), outcome: z.string(), n: count });
const ComparedSum = z.object({ project_id: z.string(), broken: count.nullable(), fixed: count.nullable() });
const Changed = z.object({ proposal_id: z.string(), previous_outcome: z.string(), outcome: z.string(), finished_at: count });

export async function outcomeStats(db: DataSource, projectId?: string): Promise<OutcomeStats> {
  const dialect = statsDialect(db);
  const scope = statsScope(dialect, projectId);
  const params = [...scope.params];
  const query = async <T>(schema: z.ZodType<T>, sql: string): Promise<T[]> => z.array(schema).parse(await db.query(sql, params));

  const projects = await query(ProjectRow, `SELECT pr.id AS id, pr.name AS name FROM projects pr WHERE ${scope.projects} ORDER BY pr.created_at, pr.id`);
  const proposalCounts = await query(ProposalCount, `SELECT p.project_id AS project_id, p.kind AS kind, p.status AS status, COUNT(*) AS n FROM proposals p JOIN projects pr ON pr.id = p.project_id WHERE ${scope.where} GROUP BY p.project_id, p.kind, p.status ORDER BY p.status`);
  const validationCounts = await query(ValidationCount, `SELECT v.kind AS kind, v.outcome AS outcome, COUNT(*) AS n FROM ${SCOPED_VALIDATIONS} WHERE ${scope.where} GROUP BY v.kind, v.outcome ORDER BY v.kind DESC, v.outcome`);
  // The latest validation of each change: what it broke or fixed as things stand.
  const compared = await query(ComparedSum, `SELECT l.project_id AS project_id, SUM(COALESCE(${dialect.comparisonCount('l.comparison', 'broken')}, 0)) AS broken, SUM(COALESCE(${dialect.comparisonCount('l.comparison', 'fixed')}, 0)) AS fixed
    FROM (SELECT p.project_id AS project_id, v.comparison AS comparison, ROW_NUMBER() OVER (PARTITION BY v.proposal_id ORDER BY v.finished_at DESC, v.id) AS latest
          FROM ${SCOPED_VALIDATIONS} WHERE ${scope.where} AND v.kind <> 'baseline' AND p.kind <> 'baseline') l
    WHERE l.latest = 1 GROUP BY l.project_id`);
  const changed = await query(Changed, `SELECT v.proposal_id AS proposal_id, v.previous_outcome AS previous_outcome, v.outcome AS outcome, v.finished_at AS finished_at FROM ${SCOPED_VALIDATIONS}
    WHERE ${scope.where} AND v.kind = 'revalidation' AND v.previous_outcome IS NOT NULL AND v.previous_outcome <> v.outcome ORDER BY v.finished_at, v.id`);

  const changes = proposalCounts.filter((c) => c.kind !== 'baseline');
  const sum = (rows: readonly { n: number }[]) => rows.reduce((n, r) => n + r.n, 0);
  return {
    proposals: tally(changes.map((c) => [c.status, c.n])),
    // A baseline run is a record, not a verdict: a red one is no rejected change.
    validations: tally(validationCounts.map((c) => [c.kind === 'validation' ? c.outcome : `${c.outcome} (${c.kind})`, c.n])),
    phases: await phasePercentiles(db, dialect, scope),
    projects: projects.map((project) => {
      const mine = changes.filter((c) => c.project_id === project.id);
      const executed = sum(mine.filter((c) => c.status === 'executed'));
      const rejected = sum(mine.filter((c) => c.status === 'rejected'));
      const against = compared.find((c) => c.project_id === project.id);
      const baselines = sum(proposalCounts.filter((c) => c.project_id === project.id && c.kind === 'baseline'));
      return { name: project.name, executed, rejected, passRate: executed + rejected === 0 ? null : Math.round((1000 * executed) / (executed + rejected)) / 10, broken: against?.broken ?? 0, fixed: against?.fixed ?? 0, baselines };
    }),
    changedOnRevalidation: changed.map((c) => ({ proposalId: c.proposal_id, from: c.previous_outcome, to: c.outcome, at: new Date(c.finished_at).toISOString() })),
  };
}

function tally(entries: readonly (readonly [string, number])[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, n] of entries) counts[key] = (counts[key] ?? 0) + n;
  return counts;
}
