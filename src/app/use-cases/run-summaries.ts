/**
 * The latest run of each listed proposal in brief (tests passed/failed, coverage, duration), for
 * a list's columns. A reused verdict shows the run it reused. One query over the page's ids,
 * reading only the few columns shown (never tests, logs or changes).
 */
import { In, Not } from 'typeorm';
import { ValidationEntity } from '../../storage/entities/validation-entity.js';
import { totalOf } from '../activity-buckets.js';
import type { AppContext } from '../context.js';
import type { RunSummary } from '../views/activity-view.js';
import type { ProposalListItem } from '../views/proposal-list-view.js';

export async function runSummaries(ctx: AppContext, items: readonly ProposalListItem[]): Promise<Record<string, RunSummary>> {
  const ranBy = new Map(items.map((i) => [i.id, i.reusedFrom ?? i.id]));
  if (ranBy.size === 0) return {};
  const rows = await (await ctx.storage()).db.getRepository(ValidationEntity).find({
    select: { id: true, proposalId: true, testsPassed: true, testsFailed: true, testsErrors: true, coverageLines: true, durations: true, finishedAt: true },
    where: { proposalId: In([...new Set(ranBy.values())]), kind: Not('baseline') },
    order: { finishedAt: 'ASC' },
  });
  const latest = new Map(rows.map((v) => [v.proposalId, v]));
  const out: Record<string, RunSummary> = {};
  for (const [id, ran] of ranBy) {
    const v = latest.get(ran);
    if (v === undefined) continue;
    out[id] = { validationId: v.id, testsPassed: v.testsPassed, testsFailed: v.testsFailed + v.testsErrors, coverageLines: v.coverageLines, durationMs: totalOf(v.durations) };
  }
  return out;
}
