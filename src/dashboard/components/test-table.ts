/** Every test of a run: status, duration, and its failure message collapsed (a <details> per message, open by keyboard). */
import type { ValidationView } from '../../app/views/proposal-view.js';
import { html, type Html } from '../html.js';
import { ms } from './format.js';
import { statusBadge } from './status-badge.js';

const ORDER = { failed: 0, error: 1, passed: 2, skipped: 3 } as const;

export function testTable(tests: ValidationView['tests']): Html {
  if (tests.length === 0) return html`<p class="empty">No test results were recorded.</p>`;
  const sorted = [...tests].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Tests"><table class="tests"><thead><tr><th scope="col">Test</th><th scope="col">Status</th><th scope="col" class="num">Duration</th></tr></thead><tbody>
${sorted.map((t) => html`<tr data-test="${t.identity ?? t.name}"><td><code>${t.identity ?? (t.suite === '' ? t.name : `${t.suite} › ${t.name}`)}</code>${t.flaky === true ? html` <span class="badge badge-flaky">flaky</span>` : ''}
${t.message === null || t.message === '' ? '' : html`<details class="message"><summary>Failure message</summary><pre>${t.message}</pre></details>`}</td>
<td>${statusBadge(t.status)}</td><td class="num">${ms(t.durationMs)}</td></tr>`)}
</tbody></table></div>`;
}
