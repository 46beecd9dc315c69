import { html, type SafeHtml } from '../../../html/index.js';
import type { AlertsView, WouldFire } from '../dashboard-data.js';
import type { AlertView } from '../sources/alert-source.js';
import { burn, duration, percent, timestamp } from './format.js';
import { pill } from './layout.js';

/**
 * Firing alerts, then resolved ones, from the store: each with its timeline and the delivery status
 * per channel. Says which channels notify (or that none are configured), and without channels also
 * lists the tiers whose conditions hold now.
 */
export function alertsPage(view: AlertsView, nowMs: number): SafeHtml {
  const alerts = view.alerts ?? [];
  const firing = alerts.filter((alert) => alert.status === 'firing');
  const resolved = alerts.filter((alert) => alert.status === 'resolved');
  const history = view.alerts === null ? html`` : alerts.length === 0 ? html`<p class="empty" id="no-history">The store holds no alert history.</p>` : html``;
  return html`<h1>Alerts</h1>
${channelsNote(view)}${history}
${view.wouldFire.length === 0 ? '' : wouldFireSection(view.wouldFire)}
${view.alerts === null ? '' : html`<section><h2>Firing (${firing.length})</h2>${firing.length === 0 ? html`<p class="empty">Nothing is firing.</p>` : firing.map((alert) => alertCard(alert, nowMs))}</section>
<section><h2>Resolved (${resolved.length})</h2>${resolved.length === 0 ? html`<p class="empty">No resolved alerts.</p>` : resolved.map((alert) => alertCard(alert, nowMs))}</section>`}`;
}

function channelsNote(view: AlertsView): SafeHtml {
  if (view.alerts === null) {
    return html`<p class="empty" id="alerting-off">Alerting is not set up for this store: no alert history to show. The SLO board shows which tiers would fire now.</p>`;
  }
  if (view.channels === null) return html``;
  if (view.channels.length === 0) {
    return html`<p class="notice" id="no-channels">No alert channels are configured (<code>alerting.channels</code> in outpost.config.ts): this Outpost notifies nobody. Shown: the alert history the store holds (kept by an <code>outpost serve</code> with alerting), and the tiers whose conditions hold now.</p>`;
  }
  return html`<p class="summary" id="channels">Notifications go to: ${view.channels.join(', ')}.</p>`;
}

function wouldFireSection(tiers: readonly WouldFire[]): SafeHtml {
  return html`<section><h2>Would fire now (${tiers.length})</h2>
<p class="legend">Tiers whose burn-rate conditions hold now, by the SLO evaluation; nothing is notified without alert channels.</p>
<table class="would-fire"><thead><tr><th>CUJ</th><th>SLO</th><th>Tier</th><th>Severity</th><th>Burn rate (long window)</th></tr></thead>
<tbody>${tiers.map((t) => html`<tr><td><a href="/journeys/${encodeURIComponent(t.journey)}">${t.journey}</a></td><td>${t.slo}</td><td>${t.tier}</td><td>${pill(`sev-${t.severity}`, t.severity)}</td><td class="num">${burn(t.longBurnRate)}</td></tr>`)}</tbody></table></section>`;
}

function alertCard(alert: AlertView, nowMs: number): SafeHtml {
  const lasted = (alert.resolvedAtMs ?? nowMs) - alert.firingSinceMs;
  return html`<article class="alert alert-${alert.status} sev-${alert.severity}" data-alert="${alert.id}">
<h3>${pill(`alert-${alert.status} sev-${alert.severity}`, `${alert.status} ${alert.severity}`)} <a href="/journeys/${encodeURIComponent(alert.journey)}">${alert.journey}</a> · ${alert.slo} · tier ${alert.tier}</h3>
<dl class="facts">
<dt>Since</dt><dd>${timestamp(alert.firingSinceMs)} (${alert.status === 'firing' ? 'firing for' : 'lasted'} ${duration(lasted)})</dd>
${alert.resolvedAtMs === null ? '' : html`<dt>Resolved</dt><dd>${timestamp(alert.resolvedAtMs)}</dd>`}
<dt>Burn rate</dt><dd>${burn(alert.burnRate)} when it fired, peak ${burn(alert.peakBurnRate)}</dd>
<dt>Budget left</dt><dd>${percent(alert.budgetRemaining, 1)}</dd>
${alert.failingStep === undefined && alert.error === undefined ? '' : html`<dt>Failing</dt><dd>${alert.failingStep === undefined ? '' : html`<b>${alert.failingStep}</b>: `}${alert.error ?? ''}</dd>`}
${alert.runId === undefined ? '' : html`<dt>Run</dt><dd><a href="/runs/${encodeURIComponent(alert.runId)}">the latest failed run</a></dd>`}
</dl>
<details open><summary>Timeline</summary><ol class="timeline-events">${alert.timeline.map((event) => html`<li><time>${timestamp(event.atMs)}</time> <b>${event.event}</b> ${event.detail}</li>`)}</ol></details>
<h4>Notifications</h4>${deliveries(alert)}
</article>`;
}

function deliveries(alert: AlertView): SafeHtml {
  if (alert.deliveries.length === 0) return html`<p class="empty">No notifications recorded for this alert.</p>`;
  return html`<table class="deliveries"><thead><tr><th>Channel</th><th>Kind</th><th>Status</th><th>Attempts</th><th>Queued</th><th>Delivered</th><th>Last error</th></tr></thead>
<tbody>${alert.deliveries.map((d) => html`<tr><td>${d.channel}</td><td>${d.kind}</td><td>${pill(`delivery-${d.status}`, d.status)}</td><td class="num">${d.attempts}</td><td>${timestamp(d.createdAtMs)}</td><td>${d.deliveredAtMs === null ? '–' : timestamp(d.deliveredAtMs)}</td><td class="error-cell">${d.lastError ?? ''}</td></tr>`)}</tbody></table>`;
}
