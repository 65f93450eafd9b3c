/** Proposals, filtered and paged by cursor, as ProposalListPage. Never loads changes or patches. */
import { decodeCursor, encodeCursor, pageLimit } from '../paging-cursor.js';
import type { AppContext } from '../context.js';
import type { ProposalStatus } from '../../storage/entities/proposal-entity.js';
import { proposalPage } from '../../storage/proposal-page.js';
import type { ProposalListItem, ProposalListPage } from '../views/proposal-list-view.js';

export interface ListProposalsQuery {
  readonly project?: string | undefined;
  readonly status?: ProposalStatus | undefined;
  readonly author?: string | undefined;
  readonly text?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export async function listProposals(ctx: AppContext, query: ListProposalsQuery = {}): Promise<ProposalListPage> {
  const limit = pageLimit(query.limit);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const storage = await ctx.storage();
  const projectId = query.project === undefined ? undefined : (await storage.projects.byNameOrId(query.project)).id;
  const { rows, more } = await proposalPage(storage.db, { projectId, status: query.status, author: query.author, text: query.text }, after, limit);
  const items: ProposalListItem[] = rows.map(({ proposal, project }) => ({
    id: proposal.id,
    project: project.name,
    projectRoot: project.rootPath,
    title: proposal.title,
    author: proposal.author,
    status: proposal.status,
    reason: proposal.reason,
    reusedFrom: proposal.reusedFrom,
    attempts: proposal.attempts,
    createdAt: new Date(proposal.createdAt).toISOString(),
    updatedAt: new Date(proposal.updatedAt).toISOString(),
  }));
  const last = rows.at(-1)?.proposal;
  return { items, nextCursor: more && last !== undefined ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}
