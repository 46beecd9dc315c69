import { html, type SafeHtml } from '../../../html/index.js';
import type { RunList } from '../views/run-list.js';
import { runTable } from './run-table.js';

/** A filtered page of runs (by journey, location, status or session), newest first. */
export function runsPage(list: RunList): SafeHtml {
  const filters = Object.entries(list.filter).filter(([, value]) => value !== undefined);
  const next = new URLSearchParams({ ...Object.fromEntries(filters), offset: String(list.offset + list.limit), limit: String(list.limit) });
  return html`<h1>Runs</h1>
<p class="sub">${filters.length === 0 ? 'All runs' : filters.map(([key, value]) => html`${key} <b>${value}</b> `)} · ${list.total} in all</p>
${runTable(list.runs, { showJourney: true })}
${list.offset + list.runs.length < list.total ? html`<p><a href="/runs?${next.toString()}">Older runs</a></p>` : ''}`;
}
