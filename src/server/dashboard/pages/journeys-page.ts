import { html, type SafeHtml } from '../../../html/index.js';
import type { JourneyIndexRow } from '../views/journey-index.js';
import { duration, timestamp } from './format.js';
import { pill } from './layout.js';

/** Every known journey with its latest run. */
export function journeysPage(rows: readonly JourneyIndexRow[]): SafeHtml {
  return html`<h1>Journeys</h1>
${rows.length === 0 ? html`<p class="empty">No journeys known: none configured and none in the store.</p>` : html`<table class="journeys">
<thead><tr><th>Journey</th><th>CUJ</th><th>Latest run</th><th>Status</th><th>Duration</th><th>Failing step and error</th></tr></thead>
<tbody>${rows.map((row) => html`<tr>
<td><a href="/journeys/${encodeURIComponent(row.journey)}">${row.journey}</a></td>
<td>${row.cuj ?? ''}${row.description === undefined ? '' : html`<div class="sub">${row.description}</div>`}</td>
${row.latest === undefined
    ? html`<td colspan="4" class="sub">no runs stored</td>`
    : html`<td><a href="/runs/${encodeURIComponent(row.latest.id)}">${timestamp(row.latest.startedAtMs)}</a></td><td>${pill(`st-${row.latest.display}`, row.latest.display)}</td><td class="num">${duration(row.latest.durationMs)}</td><td class="error-cell">${row.latest.failingStep === undefined ? '' : html`<b>${row.latest.failingStep}</b>: `}${row.latest.error ?? ''}</td>`}
</tr>`)}</tbody></table>`}`;
}
