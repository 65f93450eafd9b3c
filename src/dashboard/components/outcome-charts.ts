/** Outcomes per time bucket (stacked bars), pass rate and mean duration (lines): shared by the project and fleet pages. */
import type { Bucket } from '../../app/views/activity-view.js';
import { html, type Html } from '../html.js';
import { barChart, clock, lineChart } from './charts.js';
import { ms, pct } from './format.js';

export function outcomesChart(title: string, buckets: readonly Bucket[]): Html {
  return barChart(
    title,
    buckets.map((b) => ({
      label: clock(b.start),
      parts: [
        { value: b.executed, cls: 'fill-ok', name: 'executed' },
        { value: b.rejected, cls: 'fill-bad', name: 'rejected' },
        { value: b.error, cls: 'fill-warn', name: 'error' },
      ],
    })),
  );
}

export function passRateChart(buckets: readonly Bucket[]): Html {
  const rates = buckets.map((b) => (b.executed + b.rejected === 0 ? null : (100 * b.executed) / (b.executed + b.rejected)));
  return lineChart('Pass rate over time', buckets.map((b) => clock(b.start)), rates, pct, 100);
}

export function durationChart(buckets: readonly Bucket[]): Html {
  return lineChart('Mean duration over time', buckets.map((b) => clock(b.start)), buckets.map((b) => b.meanMs), ms);
}

export const legend = html`<ul class="legend"><li><span class="swatch fill-ok" aria-hidden="true"></span>executed</li><li><span class="swatch fill-bad" aria-hidden="true"></span>rejected</li><li><span class="swatch fill-warn" aria-hidden="true"></span>error</li></ul>`;
