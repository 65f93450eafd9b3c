/** `/`: every proposal, newest first, filtered and paged by cursor; rows and the queue line update live. */
import { listProposals } from '../../app/use-cases/list-proposals.js';
import { queueDepth } from '../../app/use-cases/health.js';
import { listProjects } from '../../app/use-cases/projects.js';
import { MAX_LIMIT } from '../../app/paging-cursor.js';
import { runSummaries } from '../../app/use-cases/run-summaries.js';
import { PROPOSAL_STATUS_VALUES } from '../../app/views/proposal-list-view.js';
import type { AppContext } from '../../app/context.js';
import { proposalRows, queueLine } from '../components/proposal-rows.js';
import { html, type Html } from '../html.js';
import { filterQuery, type ListFilters } from '../list-query.js';

export async function liveParts(ctx: AppContext, f: ListFilters): Promise<{ rows: Html; queue: Html }> {
  const page = await listProposals(ctx, { ...f, limit: f.limit ?? 50 });
  const running = await listProposals(ctx, { status: 'running', limit: 5 });
  return { rows: proposalRows(page.items, await runSummaries(ctx, page.items)), queue: queueLine(await queueDepth(ctx), running.items) };
}

export async function proposalsPage(ctx: AppContext, f: ListFilters): Promise<Html> {
  const page = await listProposals(ctx, { ...f, limit: f.limit ?? 50 });
  const running = await listProposals(ctx, { status: 'running', limit: 5 });
  // The filter offers the first page's projects (by name); others are typed into the URL.
  const { projects } = await listProjects(ctx, { limit: MAX_LIMIT });
  const query = filterQuery(f);
  const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : '');
  // Live updates only on the first page: a later page would shift under the reader.
  const live = f.cursor === undefined ? html` data-live="/live/proposals${query === '' ? '' : `?${query}`}"` : '';
  return html`<h1>Proposals</h1>
<section class="queue" aria-live="polite" id="queue">${queueLine(await queueDepth(ctx), running.items)}</section>
<form class="filters" method="get" action="/" role="search" aria-label="Filter proposals">
<label>Project <select name="project"><option value="">any</option>${projects.map((p) => html`<option${selected(f.project, p.name)}>${p.name}</option>`)}</select></label>
<label>Status <select name="status"><option value="">any</option>${PROPOSAL_STATUS_VALUES.map((s) => html`<option${selected(f.status, s)}>${s}</option>`)}</select></label>
<label>Author <input name="author" value="${f.author ?? ''}" autocomplete="off"></label>
<label>Text <input name="text" type="search" value="${f.text ?? ''}" autocomplete="off"></label>
<button type="submit">Filter</button>
</form>
<div class="scroll" tabindex="0" role="region" aria-label="Proposals table">
<table class="proposals">
<thead><tr><th scope="col">Project</th><th scope="col">Title</th><th scope="col">Author</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col" class="num">Tests ✓/✗</th><th scope="col" class="num">Coverage</th><th scope="col" class="num">Duration</th><th scope="col">When</th></tr></thead>
<tbody id="rows"${live}>${proposalRows(page.items, await runSummaries(ctx, page.items))}</tbody>
</table>
</div>
<nav class="pager" aria-label="Pages">${f.cursor !== undefined ? html`<a href="/${query === '' ? '' : `?${query}`}">First page</a>` : ''}${page.nextCursor !== null ? html`<a rel="next" href="/?${query}${query === '' ? '' : '&'}cursor=${encodeURIComponent(page.nextCursor)}">Older proposals →</a>` : ''}</nav>`;
}
