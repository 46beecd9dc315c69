import { html, type SafeHtml } from '../../../html/index.js';
import { budgetBar } from '../charts/budget-bar.js';
import { burnDownSparkline } from '../charts/burn-down.js';
import type { BoardRow, BoardView, TierBurn } from '../views/board-view.js';
import type { BoardStatus } from '../views/urgency.js';
import { burn, percent, windowLength } from './format.js';
import { pill } from './layout.js';

export const STATUS_LABELS: Record<BoardStatus, string> = {
  page: 'paging',
  ticket: 'ticket',
  exhausted: 'budget spent',
  'at-risk': 'at risk',
  ok: 'ok',
  'no-data': 'no data',
};

/**
 * The SLO board: one row per SLO, most urgent first. A plain table: it reads without JavaScript,
 * and the browser script redraws its rows from `/api/v1/board`.
 */
export function boardPage(view: BoardView): SafeHtml {
  return html`<h1>SLO board</h1>
<p class="summary" id="board-summary">${summary(view)}</p>
<table class="board" id="board">
<thead><tr><th>Status</th><th>CUJ · SLO</th><th>SLI vs objective</th><th>Error budget left</th><th>Burn-down</th><th>Burn rate (long window)</th><th>Alert</th><th>Degraded runs</th><th>Bad / events</th></tr></thead>
<tbody>${view.rows.length === 0 ? html`<tr class="empty"><td colspan="9">No SLOs: configure journeys (each gets a default availability SLO) or <code>slos</code> in outpost.config.ts.</td></tr>` : view.rows.map(boardRow)}</tbody>
</table>
<p class="legend">Order: firing page alerts, firing ticket alerts, spent budgets, then the least budget left. Degraded runs passed only on a retry: shown, never charged to the budget.</p>`;
}

function summary(view: BoardView): SafeHtml {
  const parts = (Object.keys(STATUS_LABELS) as BoardStatus[]).filter((status) => view.counts[status] > 0);
  return html`${view.rows.length} SLOs${parts.map((status) => html` · ${pill(`status-${status}`, `${view.counts[status]} ${STATUS_LABELS[status]}`)}`)}`;
}

export function boardRow(row: BoardRow): SafeHtml {
  const journeyHref = `/journeys/${encodeURIComponent(row.journey)}`;
  return html`<tr class="row-${row.status}" data-slo="${row.slo}">
<td>${pill(`status-${row.status}`, STATUS_LABELS[row.status])}</td>
<td><a class="cuj" href="${journeyHref}">${row.journey}</a><div class="sub">${row.slo}${row.description === undefined ? '' : html` — ${row.description}`}</div></td>
<td class="num"><span class="sli ${row.sliValue !== null && row.sliValue < row.objective ? 'below' : ''}">${percent(row.sliValue, 3)}</span><div class="sub">objective ${percent(row.objective, 3)} · ${row.sli} · ${windowLength(row.periodMs)}</div></td>
<td>${budgetBar(row.remaining)}</td>
<td>${row.events === 0 ? '' : burnDownSparkline(row.burnDown, `budget burn-down of ${row.slo} over ${windowLength(row.periodMs)}`)}</td>
<td class="tiers">${row.burnRates.map(tierCell)}</td>
<td>${alertCell(row)}</td>
<td class="num">${row.degradedRuns}</td>
<td class="num">${row.bad} / ${row.events}</td>
</tr>`;
}

function tierCell(tier: TierBurn): SafeHtml {
  const title = `${tier.tier} (${tier.severity}): ${windowLength(tier.longWindowMs)} window ${burn(tier.long)}, ${windowLength(tier.shortWindowMs)} window ${burn(tier.short)}; fires above ${burn(tier.factor)} in both`;
  return html`<span class="tier sev-${tier.severity}${tier.firing ? ' firing' : ''}" title="${title}">${windowLength(tier.longWindowMs)} <b>${burn(tier.long)}</b></span>`;
}

function alertCell(row: BoardRow): SafeHtml {
  const { alert } = row;
  if (alert.status === 'firing') return pill(`alert-firing sev-${alert.severity ?? 'page'}`, `firing ${alert.severity ?? ''} ${alert.tier ?? ''}`.trim());
  return pill(`alert-${alert.status}`, alert.status === 'resolved' ? 'resolved' : 'none');
}
