import { html, type SafeHtml } from '../../../html/index.js';
import { duration, timestamp } from '../pages/format.js';
import type { JourneyView } from '../views/journey-view.js';
import { linear, round } from './scale.js';

const WIDTH = 1000;
const HEIGHT = 22;

/**
 * One strip per location: each run a mark at its start time, coloured by status and linked to
 * its run page. Stretched to the page width, so marks keep a readable minimum width.
 */
export function timelineStrip(view: Pick<JourneyView, 'locations' | 'range'>): SafeHtml {
  if (view.locations.length === 0) return html`<p class="empty">No runs in this range.</p>`;
  const x = linear([view.range.fromMs, view.range.toMs], [0, WIDTH]);
  return html`<div class="timeline">${view.locations.map(({ location, runs }) => {
    const width = Math.min(12, Math.max(2, (WIDTH / Math.max(runs.length, 1)) * 0.7));
    return html`<div class="timeline-row"><span class="timeline-label">${location}</span>
      <svg class="strip" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="runs from ${location}">
        ${runs.map((run) => html`<a href="/runs/${encodeURIComponent(run.id)}"><rect class="st-${run.display}" x="${round(Math.min(WIDTH - width, Math.max(0, x(run.startedAtMs))))}" y="1" width="${round(width)}" height="${HEIGHT - 2}"><title>${run.display} · ${timestamp(run.startedAtMs)} · ${duration(run.durationMs)}${run.attempt > 1 ? ` · attempt ${run.attempt}` : ''}</title></rect></a>`)}
      </svg></div>`;
  })}</div>`;
}
