import { html, type SafeHtml } from '../../../html/index.js';
import { lineChart } from '../charts/line-chart.js';
import { timelineStrip } from '../charts/timeline-strip.js';
import type { JourneyView, LatencyPoint } from '../views/journey-view.js';
import { DISPLAY_STATUSES } from '../views/run-status.js';
import { clock, duration } from './format.js';
import { pill } from './layout.js';
import { runTable } from './run-table.js';

/** The ranges the page offers, in hours. */
export const JOURNEY_RANGES_HOURS = [1, 6, 24, 72, 168];

/** Journey page: runs per location on a timeline, latency p50/p95 for the journey and each step, recent runs. */
export function journeyPage(view: JourneyView, hours: number): SafeHtml {
  const base = `/journeys/${encodeURIComponent(view.journey)}`;
  return html`<h1>${view.journey}</h1>
<p class="sub">${view.cuj === undefined ? '' : html`CUJ <b>${view.cuj}</b>`}${view.description === undefined ? '' : html` — ${view.description}`}</p>
<nav class="ranges">Last ${JOURNEY_RANGES_HOURS.map((h) => html`<a href="${base}?hours=${h}"${h === hours ? html` aria-current="page"` : ''}>${h < 24 ? `${h}h` : `${h / 24}d`}</a>`)}</nav>
<p class="summary">${DISPLAY_STATUSES.map((status) => html`${pill(`st-${status}`, `${view.counts[status]} ${status}`)} `)}${view.truncated ? html`<span class="warn">only the newest runs of the range are shown</span>` : ''}</p>
<section><h2>Runs by location</h2>${timelineStrip(view)}
<p class="legend">${DISPLAY_STATUSES.map((status) => html`<span class="key st-${status}"></span>${status} `)}· degraded: passed on a retry or with a soft step failing</p></section>
<section><h2>Latency of passed runs</h2>${latencyChart(view.latency.journey, view.range, `journey ${view.journey} latency`)}
<p class="legend"><span class="key p50"></span>p50 <span class="key p95"></span>p95 · per ${duration(view.latency.bucketMs)}</p></section>
${view.latency.steps.length === 0 ? '' : html`<section><h2>Latency per step</h2><div class="small-multiples">${view.latency.steps.map(
    (step) => html`<figure><figcaption>${step.step}</figcaption>${latencyChart(step.points, view.range, `step ${step.step} latency`, { width: 560, height: 180 })}</figure>`,
  )}</div></section>`}
<section><h2>Recent runs</h2>${runTable(view.recent)}<p><a href="/runs?journey=${encodeURIComponent(view.journey)}">All runs of ${view.journey}</a></p></section>`;
}

function latencyChart(points: readonly LatencyPoint[], range: { fromMs: number; toMs: number }, label: string, size: { width?: number; height?: number } = {}): SafeHtml {
  return lineChart({
    label,
    ...size,
    xDomain: [range.fromMs, range.toMs],
    formatX: clock,
    formatY: (ms) => duration(ms),
    series: [
      { name: 'p95', className: 'p95', points: points.map((p) => ({ x: p.atMs, y: p.p95Ms })) },
      { name: 'p50', className: 'p50', points: points.map((p) => ({ x: p.atMs, y: p.p50Ms })) },
    ],
  });
}
