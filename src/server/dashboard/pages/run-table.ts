import { html, type SafeHtml } from '../../../html/index.js';
import type { RunSummary } from '../views/run-summary.js';
import { duration, timestamp } from './format.js';
import { pill } from './layout.js';

/** A table of runs, newest first, each linked to its run page. */
export function runTable(runs: readonly RunSummary[], options: { showJourney?: boolean } = {}): SafeHtml {
  if (runs.length === 0) return html`<p class="empty">No runs.</p>`;
  return html`<table class="runs">
<thead><tr><th>Started</th>${options.showJourney === true ? html`<th>Journey</th>` : ''}<th>Location</th><th>Status</th><th>Duration</th><th>Attempt</th><th>Failing step and error</th></tr></thead>
<tbody>${runs.map(
    (run) => html`<tr>
<td><a href="/runs/${encodeURIComponent(run.id)}">${timestamp(run.startedAtMs)}</a></td>
${options.showJourney === true ? html`<td><a href="/journeys/${encodeURIComponent(run.journey)}">${run.journey}</a></td>` : ''}
<td>${run.location}</td>
<td>${pill(`st-${run.display}`, run.display)}</td>
<td class="num">${duration(run.durationMs)}</td>
<td class="num">${run.attempt}</td>
<td class="error-cell">${run.failingStep === undefined ? '' : html`<b>${run.failingStep}</b>: `}${run.error ?? ''}</td>
</tr>`,
  )}</tbody>
</table>`;
}
