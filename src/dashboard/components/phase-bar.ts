/** A validation's phases (image, container, apply, build, test, collect, ...) as one horizontal bar, in the order they ran. */
import { html, type Html } from '../html.js';
import { ms } from './format.js';

export function phaseBar(durations: Record<string, number>): Html {
  const phases = Object.entries(durations).filter(([name, v]) => name !== 'total' && v > 0);
  const sum = phases.reduce((a, [, v]) => a + v, 0);
  if (sum === 0) return html`<p class="empty">No phase timings recorded.</p>`;
  let x = 0;
  const rects = phases.map(([name, v], i) => {
    const w = (1000 * v) / sum;
    const r = html`<rect class="phase phase-${i % 8}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="24"><title>${name}: ${ms(v)}</title></rect>`;
    x += w;
    return r;
  });
  const legend = phases.map(([name, v], i) => html`<li><span class="swatch phase-${i % 8}" aria-hidden="true"></span>${name} ${ms(v)}</li>`);
  return html`<figure class="phases"><figcaption>Phases (total ${ms(durations['total'] ?? sum)})</figcaption><svg viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label="Phase timeline: ${phases.map(([n, v]) => `${n} ${ms(v)}`).join(', ')}">${rects}</svg><ul class="legend">${legend}</ul></figure>`;
}
