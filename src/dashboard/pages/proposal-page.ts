/**
 * `/proposals/{id}`: the verdict and why, against the baseline, every test, coverage, the diff,
 * the phases, resources, every run; while it waits or runs, its live log (data-live: the script
 * follows /live/proposals/{id}/events and redraws <main> at the verdict); a revalidate button.
 */
import type { AppContext } from '../../app/context.js';
import { proposalDiff } from '../../app/use-cases/proposal-diff.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { comparisonBlock } from '../components/comparison-block.js';
import { diffBlock } from '../components/diff-block.js';
import { shortId, when } from '../components/format.js';
import { phaseBar } from '../components/phase-bar.js';
import { statusBadge } from '../components/status-badge.js';
import { testTable } from '../components/test-table.js';
import { coverageFacts, resourceFacts } from '../components/validation-facts.js';
import { validationsTable } from '../components/validations-table.js';
import { html, type Html } from '../html.js';
import { projectUrl, proposalUrl } from '../paths.js';

export async function proposalPage(ctx: AppContext, id: string, shownRun: string | undefined, csrf: string): Promise<{ title: string; body: Html }> {
  const p = await showProposal(ctx, id);
  const runs = p.validations.length > 0 ? p.validations : p.reusedValidations;
  const v = runs.find((r) => r.id === shownRun) ?? runs.at(-1) ?? null;
  const active = p.status === 'pending' || p.status === 'running';
  const base = proposalUrl(p.id);
  const title = p.title ?? `proposal ${shortId(p.id)}`;
  const body = html`<p class="crumbs"><a href="/">Proposals</a> › <a href="${projectUrl(p.project)}">${p.project}</a></p>
<h1>${title}</h1>
<section class="verdict verdict-${p.status}" aria-labelledby="verdict-h">
<h2 id="verdict-h">Verdict: ${statusBadge(p.status)}</h2>
<p class="reason-text">${p.reason ?? (active ? 'Waiting for its verdict.' : '')}</p>
<p class="muted">By ${p.author ?? 'unknown'} · submitted ${when(p.createdAt)} · attempts ${p.attempts}${p.reusedFrom === null ? '' : html` · verdict reused from <a href="${proposalUrl(p.reusedFrom)}">${shortId(p.reusedFrom)}</a>`}${p.protectTests ? ' · tests protected' : ''}${p.strict ? ' · strict' : ''}</p>
${active ? '' : html`<form method="post" action="${base}/revalidate"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="primary">Revalidate</button></form>`}
</section>
${active ? html`<section class="live" data-live="${base}/events" aria-labelledby="live-h"><h2 id="live-h">Live <span id="live-phase" class="muted" aria-live="polite">${p.status}</span></h2><pre id="live-log" class="log" tabindex="0" aria-label="Live log"></pre></section>` : ''}
${v === null ? '' : html`<section aria-labelledby="cmp-h"><h2 id="cmp-h">Against the baseline</h2>${comparisonBlock(v.comparison)}</section>
<section aria-labelledby="tests-h"><h2 id="tests-h">Tests <span class="muted">${v.testsPassed} passed, ${v.testsFailed} failed, ${v.testsErrors} errors, ${v.testsSkipped} skipped</span></h2>${testTable(v.tests)}</section>
<section aria-labelledby="cov-h"><h2 id="cov-h">Coverage</h2>${coverageFacts(v)}</section>
<section aria-labelledby="time-h"><h2 id="time-h">Timeline and resources</h2>${phaseBar(v.durations)}${resourceFacts(v)}</section>`}
<section aria-labelledby="runs-h"><h2 id="runs-h">${p.validationsTotal > p.validations.length ? 'Latest runs' : 'Every run'}</h2>${validationsTable(base, runs, v?.id ?? null)}${p.validationsTotal > p.validations.length ? html`<p class="muted">${p.validationsTotal - p.validations.length} older runs not shown (GET /v1/proposals/${p.id}?validationsBefore=… pages back to them)</p>` : ''}</section>
<section aria-labelledby="diff-h"><h2 id="diff-h">The change</h2>${diffBlock(await proposalDiff(ctx, p.id))}</section>`;
  return { title, body };
}
