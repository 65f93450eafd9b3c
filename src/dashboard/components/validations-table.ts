/** Every run of a proposal, the first and its revalidations side by side; each links to its own evidence (?v=). */
import type { ValidationView } from '../../app/views/proposal-view.js';
import { html, type Html } from '../html.js';
import { ms, shortId, when } from './format.js';
import { statusBadge } from './status-badge.js';
import { totalOf } from '../../app/activity-buckets.js';

export function validationsTable(base: string, runs: readonly ValidationView[], shown: string | null): Html {
  if (runs.length === 0) return html`<p class="empty">Not run yet.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Validations"><table class="runs"><thead><tr><th scope="col">Run</th><th scope="col">Kind</th><th scope="col">Outcome</th><th scope="col">Reason</th><th scope="col" class="num">Passed / failed</th><th scope="col" class="num">Duration</th><th scope="col">Finished</th></tr></thead><tbody>
${runs.map((v) => html`<tr${v.id === shown ? html` class="current"` : ''}><td><a href="${base}?v=${encodeURIComponent(v.id)}"${v.id === shown ? html` aria-current="true"` : ''}>${shortId(v.id)}</a></td><td>${v.kind}${v.previousOutcome === null ? '' : html` <span class="muted">(was ${v.previousOutcome})</span>`}</td><td>${statusBadge(v.outcome)}</td><td class="reason">${v.reason}</td><td class="num">${v.testsPassed} / ${v.testsFailed + v.testsErrors}</td><td class="num">${ms(totalOf(v.durations))}</td><td>${when(v.finishedAt)}</td></tr>`)}
</tbody></table></div>`;
}
