/**
 * Charts as inline SVG drawn on the server (no script, no library): stacked bars and a line,
 * scaled into a fixed viewBox that CSS stretches to the width. Colours come from CSS classes, so
 * dark and light follow the page; each chart names what it shows for screen readers.
 */
import { html, type Html } from '../html.js';

const W = 600;
const H = 160;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

export interface BarSeries {
  readonly label: string;
  readonly parts: readonly { readonly value: number; readonly cls: string; readonly name: string }[];
}

function axis(max: number, format: (v: number) => string): Html {
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return html`<g class="axis"><line x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}"/><line x1="${PAD.left}" y1="${y(max)}" x2="${W - PAD.right}" y2="${y(max)}" class="grid"/>
<text x="${PAD.left - 4}" y="${y(max) + 4}" text-anchor="end">${format(max)}</text><text x="${PAD.left - 4}" y="${y(0)}" text-anchor="end">0</text></g>`;
}

function xLabels(labels: readonly string[], step: number, x: (i: number) => number): Html {
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return html`<g class="axis">${labels.map((l, i) => (i % every === 0 ? html`<text x="${x(i) + step / 2}" y="${H - 6}" text-anchor="middle">${l}</text>` : ''))}</g>`;
}

export function barChart(title: string, series: readonly BarSeries[], format: (v: number) => string = String): Html {
  if (series.length === 0) return html`<p class="empty">No data yet for ${title.toLowerCase()}.</p>`;
  const max = Math.max(1, ...series.map((s) => s.parts.reduce((a, p) => a + p.value, 0)));
  const inner = W - PAD.left - PAD.right;
  const step = inner / series.length;
  const x = (i: number) => PAD.left + i * step;
  const scale = (v: number) => ((H - PAD.top - PAD.bottom) * v) / max;
  const bars = series.map((s, i) => {
    let top = H - PAD.bottom;
    return s.parts.map((p) => {
      if (p.value === 0) return '';
      const h = scale(p.value);
      top -= h;
      return html`<rect class="${p.cls}" x="${(x(i) + step * 0.1).toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.8).toFixed(1)}" height="${h.toFixed(1)}"><title>${s.label}: ${p.value} ${p.name}</title></rect>`;
    });
  });
  return html`<figure class="chart"><figcaption>${title}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}: ${series.length} bars, highest ${format(max)}">${axis(max, format)}${bars}${xLabels(series.map((s) => s.label), step, x)}</svg></figure>`;
}

export function lineChart(title: string, labels: readonly string[], values: readonly (number | null)[], format: (v: number) => string, fixedMax?: number): Html {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return html`<p class="empty">No data yet for ${title.toLowerCase()}.</p>`;
  const max = fixedMax ?? Math.max(1, ...known);
  const inner = W - PAD.left - PAD.right;
  const step = inner / Math.max(1, values.length);
  const x = (i: number) => PAD.left + i * step;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const pts = values.flatMap((v, i) => (v === null ? [] : [{ x: x(i) + step / 2, y: y(v), v, label: labels[i] ?? '' }]));
  const path = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return html`<figure class="chart"><figcaption>${title}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}: ${known.length} points, latest ${format(known.at(-1) ?? 0)}">${axis(max, format)}
<path class="line" d="${path}"/>${pts.map((p) => html`<circle class="dot" cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3"><title>${p.label}: ${format(p.v)}</title></circle>`)}${xLabels(labels, step, x)}</svg></figure>`;
}

/** "03:04" for a bucket's start: the charts cover hours to days. */
export function clock(iso: string): string {
  return iso.slice(11, 16);
}
