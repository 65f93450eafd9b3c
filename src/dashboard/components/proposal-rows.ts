/** The proposals table's rows and the queue line above it: drawn for the page and again for each live update. */
import type { RunSummary } from '../../app/views/activity-view.js';
import type { ProposalListItem } from '../../app/views/proposal-list-view.js';
import { html, type Html } from '../html.js';
import { projectUrl, proposalUrl } from '../paths.js';
import { ms, pct, shortId, when } from './format.js';
import { statusBadge } from './status-badge.js';

export function proposalRows(items: readonly ProposalListItem[], runs: Readonly<Record<string, RunSummary>>): Html {
  if (items.length === 0) return html`<tr><td colspan="9" class="empty">No proposals match.</td></tr>`;
  return html`${items.map((p) => {
    const run = runs[p.id];
    return html`<tr data-id="${p.id}" data-status="${p.status}">
<td><a href="${projectUrl(p.project)}">${p.project}</a></td>
<td><a href="${proposalUrl(p.id)}">${p.title ?? shortId(p.id)}</a></td>
<td>${p.author ?? '–'}</td>
<td>${statusBadge(p.status)}</td>
<td class="reason">${p.reason ?? ''}</td>
<td class="num">${run === undefined ? '–' : html`<span class="ok">${run.testsPassed}</span> / <span class="bad">${run.testsFailed}</span>`}</td>
<td class="num">${pct(run?.coverageLines)}</td>
<td class="num">${ms(run?.durationMs)}</td>
<td><time datetime="${p.createdAt}">${when(p.createdAt)}</time></td>
</tr>`;
  })}`;
}

export function queueLine(queue: { pending: number; baselines: number; running: number }, running: readonly ProposalListItem[]): Html {
  return html`<p><strong>${queue.pending}</strong> waiting${queue.baselines > 0 ? html` (and ${queue.baselines} baseline${queue.baselines === 1 ? '' : 's'})` : ''} · <strong>${queue.running}</strong> running${running.length > 0 ? html`: ${running.map((r, i) => html`${i > 0 ? ', ' : ''}<a href="${proposalUrl(r.id)}">${r.title ?? shortId(r.id)}</a> (${r.project})`)}` : ''}</p>`;
}
