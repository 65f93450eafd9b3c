/**
 * The few SQL pieces the stats need that SQLite and PostgreSQL spell differently: placeholders,
 * a duration's JSON members as rows, and a number read out of a JSON text column (TypeORM's
 * simple-json is text on both).
 */
import type { DataSource } from 'typeorm';

export interface StatsDialect {
  /** The n-th (1-based) bound parameter. */
  param(n: number): string;
  /** FROM-clause item: one row per member of `v.durations`. */
  readonly durationMembers: string;
  /** The member's key, its value as a number, and its position in the object. */
  readonly member: { readonly key: string; readonly ms: string; readonly pos: string };
  /** The number at `counts.<name>` of the JSON text column (NULL when absent or the column is NULL). */
  comparisonCount(column: string, name: 'broken' | 'fixed'): string;
}

export function statsDialect(db: DataSource): StatsDialect {
  if (db.options.type === 'postgres') {
    return {
      param: (n) => `$${n}`,
      durationMembers: 'CROSS JOIN LATERAL json_each_text(v.durations::json) WITH ORDINALITY AS d(phase_key, phase_text, phase_pos)',
      member: { key: 'd.phase_key', ms: 'd.phase_text::double precision', pos: 'd.phase_pos' },
      comparisonCount: (column, name) => `(${column}::json -> 'counts' ->> '${name}')::double precision`,
    };
  }
  return {
    param: () => '?',
    durationMembers: 'CROSS JOIN json_each(v.durations) AS d',
    member: { key: 'd.key', ms: 'd.value', pos: 'd.id' },
    comparisonCount: (column, name) => `json_extract(${column}, '$.counts.${name}')`,
  };
}
