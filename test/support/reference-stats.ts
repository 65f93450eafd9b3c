/**
 * The stats as they were computed before they moved into SQL (src/storage/stats/), every row
 * loaded: kept as the oracle the SQL is compared with (test/integration/sql-stats.test.ts).
 *
 * What operators ask of the records as a whole: how validations end, how long each phase takes
 * (p50/p95), how often each project's proposals pass, and which revalidations changed a verdict.
 */
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { ProjectEntity } from '../../src/storage/entities/project-entity.js';
import { ProposalEntity } from '../../src/storage/entities/proposal-entity.js';
import { ValidationEntity } from '../../src/storage/entities/validation-entity.js';

export interface OutcomeStats {
  readonly proposals: Record<string, number>;
  /** Runs by outcome; revalidations and baseline runs apart: `rejected (revalidation)`, `rejected (baseline)`. */
  readonly validations: Record<string, number>;
  readonly phases: Record<string, { readonly count: number; readonly p50Ms: number; readonly p95Ms: number }>;
  /** Per project; `broken` and `fixed` add up the tests each proposal's latest validation broke or fixed against its baseline. */
  readonly projects: readonly { readonly name: string; readonly executed: number; readonly rejected: number; readonly passRate: number | null; readonly broken: number; readonly fixed: number; readonly baselines: number }[];
  readonly changedOnRevalidation: readonly { readonly proposalId: string; readonly from: string; readonly to: string; readonly at: string }[];
}

export async function referenceStats(db: DataSource, projectId?: string): Promise<OutcomeStats> {
  const projects = await db.getRepository(ProjectEntity).find(projectId === undefined ? {} : { where: { id: projectId } });
  const proposals = await db.getRepository(ProposalEntity).find({ where: { projectId: In(projects.map((p) => p.id)) }, select: { id: true, projectId: true, status: true, kind: true } });
  const validations = proposals.length === 0 ? [] : await db.getRepository(ValidationEntity).find({
    where: { proposalId: In(proposals.map((p) => p.id)) },
    select: { id: true, proposalId: true, outcome: true, kind: true, previousOutcome: true, durations: true, finishedAt: true, comparison: true },
  });

  const phaseTimes = new Map<string, number[]>();
  for (const v of validations) {
    for (const [phase, ms] of Object.entries(v.durations)) phaseTimes.set(phase, [...(phaseTimes.get(phase) ?? []), ms]);
  }
  const phases = Object.fromEntries([...phaseTimes].map(([phase, times]) => [phase, { count: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) }]));

  // The latest validation of each change: what it broke or fixed as things stand.
  const latest = new Map<string, (typeof validations)[number]>();
  for (const v of validations) {
    const seen = latest.get(v.proposalId);
    if (v.kind !== 'baseline' && (seen === undefined || seen.finishedAt < v.finishedAt)) latest.set(v.proposalId, v);
  }
  const changes = proposals.filter((p) => p.kind !== 'baseline');
  return {
    proposals: countBy(changes.map((p) => p.status)),
    // A baseline run is a record, not a verdict: a red one is no rejected change.
    validations: countBy(validations.map((v) => (v.kind === 'validation' ? v.outcome : `${v.outcome} (${v.kind})`))),
    phases,
    projects: projects.map((project) => {
      const mine = changes.filter((p) => p.projectId === project.id);
      const executed = mine.filter((p) => p.status === 'executed').length;
      const rejected = mine.filter((p) => p.status === 'rejected').length;
      const compared = mine.map((p) => latest.get(p.id)?.comparison ?? null);
      const broken = compared.reduce((n, c) => n + (c?.counts.broken ?? 0), 0);
      const fixed = compared.reduce((n, c) => n + (c?.counts.fixed ?? 0), 0);
      const baselines = proposals.filter((p) => p.projectId === project.id && p.kind === 'baseline').length;
      return { name: project.name, executed, rejected, passRate: executed + rejected === 0 ? null : Math.round((1000 * executed) / (executed + rejected)) / 10, broken, fixed, baselines };
    }),
    changedOnRevalidation: validations
      .filter((v) => v.kind === 'revalidation' && v.previousOutcome !== null && v.previousOutcome !== v.outcome)
      .map((v) => ({ proposalId: v.proposalId, from: v.previousOutcome ?? '', to: v.outcome, at: new Date(v.finishedAt).toISOString() })),
  };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
