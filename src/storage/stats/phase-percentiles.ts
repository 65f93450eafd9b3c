/**
 * p50/p95 of each pipeline phase, in the database: one grouped query for the phases and their
 * counts, then per phase and percentile one row read at its nearest rank (ORDER BY ... LIMIT 1
 * OFFSET rank), so no duration leaves the database but the answers.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { StatsDialect } from './stats-dialect.js';
import { SCOPED_VALIDATIONS, type StatsScope } from './stats-scope.js';

// Raw rows: PostgreSQL returns COUNT as a string.
const PhaseRow = z.object({ phase: z.string(), n: z.coerce.number().int() });
const ValueRow = z.object({ ms: z.coerce.number() });

export interface PhaseTimes {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/**
 * Phases in the order they first appear: by the earliest run that records them, then by their
 * position in its durations (so the pipeline's order); positions stay far below 1024.
 */
export async function phasePercentiles(db: DataSource, dialect: StatsDialect, scope: StatsScope): Promise<Record<string, PhaseTimes>> {
  const { key, ms, pos } = dialect.member;
  const from = `FROM ${SCOPED_VALIDATIONS} ${dialect.durationMembers} WHERE ${scope.where} AND ${ms} IS NOT NULL`;
  const phases = z.array(PhaseRow).parse(await db.query(`SELECT ${key} AS phase, COUNT(*) AS n, MIN(v.finished_at * 1024 + ${pos}) AS first_seen ${from} GROUP BY ${key} ORDER BY first_seen, phase`, [...scope.params]));
  const out: Record<string, PhaseTimes> = {};
  for (const { phase, n } of phases) {
    const at = async (p: number): Promise<number> => {
      const rows = z.array(ValueRow).length(1).parse(await db.query(
        `SELECT ${ms} AS ms ${from} AND ${key} = ${dialect.param(scope.params.length + 1)} ORDER BY ${ms} LIMIT 1 OFFSET ${nearestRank(n, p)}`,
        [...scope.params, phase],
      ));
      return rows[0]?.ms ?? 0;
    };
    out[phase] = { count: n, p50Ms: await at(50), p95Ms: await at(95) };
  }
  return out;
}

/** Nearest-rank percentile's 0-based index among n sorted values. */
export function nearestRank(n: number, p: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
}
