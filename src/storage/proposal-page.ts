/**
 * One page of proposals, newest first, by keyset: ordered by (created_at, id) and continued after
 * the last row of the page before, so rows inserted meanwhile never shift or repeat a page. Reads
 * summary columns only (never changes, patches or logs) and the page's projects in one query.
 */
import { Brackets, type DataSource, In } from 'typeorm';
import { ProjectEntity, type ProjectRow } from './entities/project-entity.js';
import { ProposalEntity, type ProposalStatus } from './entities/proposal-entity.js';
import { SUMMARY_COLUMNS, type ProposalSummary } from './proposal-store.js';

export interface ProposalFilter {
  readonly projectId?: string | undefined;
  readonly status?: ProposalStatus | undefined;
  readonly author?: string | undefined;
  /** Matched, case-insensitively, inside the title. */
  readonly text?: string | undefined;
}

/** Where the previous page ended: its last row's creation time and id. */
export interface PagePosition {
  readonly createdAt: number;
  readonly id: string;
}

export async function proposalPage(db: DataSource, filter: ProposalFilter, after: PagePosition | null, limit: number): Promise<{ rows: { proposal: ProposalSummary; project: ProjectRow }[]; more: boolean }> {
  const q = db
    .getRepository(ProposalEntity)
    .createQueryBuilder('p')
    .select(Object.keys(SUMMARY_COLUMNS).map((column) => `p.${column}`))
    .where('p.kind = :kind', { kind: 'change' });
  if (filter.projectId !== undefined) q.andWhere('p.projectId = :projectId', { projectId: filter.projectId });
  if (filter.status !== undefined) q.andWhere('p.status = :status', { status: filter.status });
  if (filter.author !== undefined) q.andWhere('p.author = :author', { author: filter.author });
  if (filter.text !== undefined) q.andWhere("LOWER(p.title) LIKE :text ESCAPE '\\'", { text: `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
  if (after !== null) {
    q.andWhere(new Brackets((b) => b.where('p.createdAt < :at', { at: after.createdAt }).orWhere('p.createdAt = :at AND p.id < :id', { at: after.createdAt, id: after.id })));
  }
  // One more than asked: whether a next page exists, without a count.
  const found: ProposalSummary[] = await q.orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC').take(limit + 1).getMany();
  const page = found.slice(0, limit);
  const ids = [...new Set(page.map((p) => p.projectId))];
  const projects = new Map((ids.length === 0 ? [] : await db.getRepository(ProjectEntity).find({ where: { id: In(ids) } })).map((p) => [p.id, p]));
  const rows = page.flatMap((proposal) => {
    const project = projects.get(proposal.projectId);
    return project === undefined ? [] : [{ proposal, project }];
  });
  return { rows, more: found.length > limit };
}
