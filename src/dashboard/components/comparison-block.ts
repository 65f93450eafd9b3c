/** A run against its baseline: fixed, broken, still failing, flaky, removed tests and modified test files. */
import type { ComparisonView } from '../../app/views/parts.js';
import { html, type Html } from '../html.js';

const GROUPS = [
  ['broken', 'Broken (passed before, fail now)', 'bad'],
  ['addedFailing', 'Added and failing', 'bad'],
  ['removed', 'Removed', 'bad'],
  ['fixed', 'Fixed', 'ok'],
  ['stillFailing', 'Still failing (failed before too)', 'muted'],
  ['flaky', 'Flaky', 'warn'],
  ['modifiedTestFiles', 'Modified test files', 'muted'],
] as const;

export function comparisonBlock(c: ComparisonView | null): Html {
  if (c === null) return html`<p class="muted">Graded on its own (no baseline comparison).</p>`;
  return html`<dl class="comparison">${GROUPS.map(([key, label, cls]) => {
    const names = c[key];
    return html`<div class="${cls}"><dt>${label}: ${c.counts[key]}</dt>${names.length === 0 ? html`<dd class="muted">none</dd>` : names.map((n) => html`<dd><code>${n}</code></dd>`)}</div>`;
  })}</dl>${c.note === null ? '' : html`<p class="muted">${c.note}</p>`}`;
}
