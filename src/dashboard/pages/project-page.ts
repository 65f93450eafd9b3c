/** `/projects/{name}`: its settings, framework and why, image, baseline, pass rate and duration over time. */
import type { AppContext } from '../../app/context.js';
import { projectHistory } from '../../app/use-cases/project-history.js';
import { showProject } from '../../app/use-cases/projects.js';
import { stats } from '../../app/use-cases/stats.js';
import { pct, when } from '../components/format.js';
import { durationChart, legend, outcomesChart, passRateChart } from '../components/outcome-charts.js';
import { statusBadge } from '../components/status-badge.js';
import { html, type Html } from '../html.js';

export async function projectPage(ctx: AppContext, name: string): Promise<{ title: string; body: Html }> {
  const p = await showProject(ctx, name);
  const history = await projectHistory(ctx, p.name);
  const totals = (await stats(ctx, { project: p.name })).projects.find((s) => s.name === p.name);
  const b = history.baseline;
  const body = html`<p class="crumbs"><a href="/">Proposals</a> › ${p.name}</p>
<h1>Project ${p.name}</h1>
<p><a href="/?project=${encodeURIComponent(p.name)}">Its proposals</a></p>
<section aria-labelledby="set-h"><h2 id="set-h">Settings</h2><dl class="facts">
<div><dt>Folder</dt><dd><code>${p.root}</code></dd></div>
<div><dt>Framework</dt><dd>${p.detected?.framework ?? p.framework ?? 'detected at each run'}${p.framework === null ? ' (detected)' : ' (named at registration)'}</dd></div>
<div class="wide"><dt>Why</dt><dd>${p.detected?.reason ?? '–'}</dd></div>
<div><dt>Test command</dt><dd><code>${p.testCommand ?? "the toolchain's own"}</code></dd></div>
<div><dt>Build step</dt><dd>${p.build ? 'yes' : 'no'}</dd></div>
<div><dt>Protect tests</dt><dd>${p.protectTests ? 'yes' : 'no'}</dd></div>
<div><dt>Strict</dt><dd>${p.strict ? 'yes' : 'no'}</dd></div>
<div><dt>Min changed-line coverage</dt><dd>${pct(p.minChangedCoverage)}</dd></div>
<div class="wide"><dt>Image</dt><dd><code>${history.image ?? 'none built yet'}</code></dd></div>
<div><dt>Registered</dt><dd>${when(p.createdAt)}</dd></div>
</dl></section>
<section aria-labelledby="base-h"><h2 id="base-h">Baseline</h2>${b === null ? html`<p class="muted">No baseline run yet.</p>` : html`<p>${statusBadge(b.outcome)} ${b.passed} passed, ${b.failed} failed · ${when(b.finishedAt)}</p><p class="reason-text">${b.reason}</p>`}</section>
<section aria-labelledby="trend-h"><h2 id="trend-h">Over time <span class="muted">(latest ${history.runs} runs${totals === undefined ? '' : `; pass rate ${pct(totals.passRate)}, broke ${totals.broken}, fixed ${totals.fixed} tests`})</span></h2>
<div class="charts">${passRateChart(history.buckets)}${durationChart(history.buckets)}${outcomesChart('Outcomes over time', history.buckets)}</div>${legend}</section>`;
  return { title: `Project ${p.name}`, body };
}
