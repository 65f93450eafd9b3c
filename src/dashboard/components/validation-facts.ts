/** One run's numbers: coverage and changed-line coverage (with the uncovered lines), resources, where it ran. */
import type { ValidationView } from '../../app/views/proposal-view.js';
import { html, type Html } from '../html.js';
import { bytes, ms, pct, when } from './format.js';

export function coverageFacts(v: ValidationView): Html {
  const cl = v.changedLines;
  return html`<dl class="facts">
<div><dt>Line coverage</dt><dd>${pct(v.coverageLines)}${v.coverageDelta === null ? '' : html` <span class="muted">(${v.coverageDelta >= 0 ? '+' : ''}${v.coverageDelta} points vs baseline)</span>`}</dd></div>
<div><dt>Branch coverage</dt><dd>${pct(v.coverageBranches)}</dd></div>
<div><dt>Changed lines covered</dt><dd>${cl === null ? '–' : html`${cl.covered} of ${cl.total} (${pct(cl.pct)})`}</dd></div>
</dl>
${cl !== null && cl.uncovered.length > 0 ? html`<h3>Uncovered changed lines</h3><ul class="uncovered">${cl.uncovered.map((u) => html`<li><code>${u.file}</code> lines ${u.lines}</li>`)}</ul>` : ''}
${cl !== null && cl.unmeasured.length > 0 ? html`<p class="bad">Not measured: ${cl.unmeasured.join(', ')}</p>` : ''}`;
}

export function resourceFacts(v: ValidationView): Html {
  return html`<dl class="facts">
<div><dt>CPU</dt><dd>${v.cpuNanos === null ? '–' : ms(v.cpuNanos / 1e6)}</dd></div>
<div><dt>Peak memory</dt><dd>${bytes(v.peakMemoryBytes)}</dd></div>
<div><dt>Read</dt><dd>${bytes(v.ioReadBytes)}</dd></div>
<div><dt>Written</dt><dd>${bytes(v.ioWriteBytes)}</dd></div>
<div><dt>Framework</dt><dd>${v.framework ?? '–'}</dd></div>
<div><dt>Image</dt><dd><code>${v.image ?? '–'}</code>${v.imageBuilt ? ' (built for this run)' : ''}</dd></div>
<div><dt>Worker</dt><dd>${v.worker ?? '–'}</dd></div>
<div><dt>Exit code</dt><dd>${v.exitCode ?? '–'}</dd></div>
<div><dt>Finished</dt><dd>${when(v.finishedAt)}</dd></div>
</dl>`;
}
