/** Bound-parameter markers in raw SQL: `$n` on PostgreSQL, `?n` on SQLite. */
import type { DataSource } from 'typeorm';

export function sqlParams(db: DataSource): (n: number) => string {
  return db.options.type === 'postgres' ? (n) => `$${n}` : (n) => `?${n}`;
}
