/** Which records the stats cover: every project's, or one project's (a bound parameter). */
import type { StatsDialect } from './stats-dialect.js';

export interface StatsScope {
  /** A WHERE condition on `p` (proposals) joined to `pr` (projects). */
  readonly where: string;
  /** The same condition on `pr` (projects) alone. */
  readonly projects: string;
  readonly params: readonly unknown[];
}

export function statsScope(dialect: StatsDialect, projectId: string | undefined): StatsScope {
  if (projectId === undefined) return { where: '1 = 1', projects: '1 = 1', params: [] };
  return { where: `p.project_id = ${dialect.param(1)}`, projects: `pr.id = ${dialect.param(1)}`, params: [projectId] };
}

/** The validations of the scope's proposals, aliased `v`, `p`, `pr`. */
export const SCOPED_VALIDATIONS = 'validations v JOIN proposals p ON p.id = v.proposal_id JOIN projects pr ON pr.id = p.project_id';
