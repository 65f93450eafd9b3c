/** `/fleet`: validations per minute, p50/p95 per phase, outcomes over time, workers and what each runs, error causes. */
import type { AppContext } from '../../app/context.js';
import { fleetActivity } from '../../app/use-cases/fleet-activity.js';
import { health } from '../../app/use-cases/health.js';
import { stats } from '../../app/use-cases/stats.js';
import { barChart, clock } from '../components/charts.js';
import { ms } from '../components/format.js';
import { legend, outcomesChart } from '../components/outcome-charts.js';
import { html, type Html } from '../html.js';
import { proposalUrl } from '../paths.js';

export async function fleetPage(ctx: AppContext, inProcessWorkers: readonly string[]): Promise<Html> {
  const [fleet, s, h] = [await fleetActivity(ctx), await stats(ctx), await health(ctx, inProcessWorkers)];
  const busy = new Map(fleet.running.map((r) => [r.worker, r]));
  const workers = [...new Set([...h.workers.seen, ...busy.keys()])].sort();
  return html`<h1>Fleet</h1>
<p>Engine ${h.engine.ok ? 'answering' : html`<strong class="bad">down</strong>: ${h.engine.message}`} · database ${h.database.ok ? 'answering' : html`<strong class="bad">down</strong>`} · <strong>${h.queue.pending}</strong> waiting, <strong>${h.queue.running}</strong> running</p>
<div class="charts">
${barChart('Validations per minute (last hour)', fleet.perMinute.map((m) => ({ label: clock(m.start), parts: [{ value: m.count, cls: 'fill-ok', name: 'validations' }] })))}
${outcomesChart('Outcomes over time', fleet.buckets)}
</div>${legend}
<section aria-labelledby="ph-h"><h2 id="ph-h">Phases</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Phase durations"><table><thead><tr><th scope="col">Phase</th><th scope="col" class="num">Runs</th><th scope="col" class="num">p50</th><th scope="col" class="num">p95</th></tr></thead><tbody>
${Object.entries(s.phases).map(([phase, t]) => html`<tr><td>${phase}</td><td class="num">${t.count}</td><td class="num">${ms(t.p50Ms)}</td><td class="num">${ms(t.p95Ms)}</td></tr>`)}
</tbody></table></div></section>
<section aria-labelledby="wk-h"><h2 id="wk-h">Workers <span class="muted">(seen in the last ${h.workers.leasePeriodS} s)</span></h2>
${workers.length === 0 ? html`<p class="empty">No worker seen lately.</p>` : html`<ul class="workers">${workers.map((w) => {
    const r = busy.get(w);
    return html`<li><code>${w}</code>: ${r === undefined ? html`<span class="muted">idle</span>` : html`running <a href="${proposalUrl(r.proposalId)}">${r.title ?? r.proposalId}</a> (${r.project}, ${r.phase ?? 'starting'})`}</li>`;
  })}</ul>`}</section>
<section aria-labelledby="err-h"><h2 id="err-h">Error causes</h2>
${fleet.errorCauses.length === 0 ? html`<p class="empty">No infrastructure errors among the latest runs.</p>` : html`<ul>${fleet.errorCauses.map((c) => html`<li><code>${c.reasonCode}</code>: ${c.count}</li>`)}</ul>`}</section>`;
}
