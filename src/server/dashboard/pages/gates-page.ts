import { html, type SafeHtml } from '../../../html/index.js';
import type { GateMetric, GateSession, GateSide } from '../../../store/index.js';
import { duration, percent, timestamp } from './format.js';
import { pill } from './layout.js';

/** Past verify and canary sessions, newest first. */
export function gatesPage(sessions: readonly GateSession[], page: { kind?: string; offset: number; limit: number; more: boolean }): SafeHtml {
  const filter = (kind: string | undefined, label: string) => html`<a href="/gates${kind === undefined ? '' : `?kind=${kind}`}"${page.kind === kind ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<h1>Canary &amp; verify</h1>
<nav class="ranges">${filter(undefined, 'all')} ${filter('canary', 'canary')} ${filter('verify', 'verify')}</nav>
${sessions.length === 0 ? html`<p class="empty">No sessions stored yet: <code>outpost verify</code> and <code>outpost canary</code> store theirs.</p>` : html`<table class="gates">
<thead><tr><th>Started</th><th>Kind</th><th>Verdict</th><th>Score</th><th>Targets</th><th>Location</th><th>Duration</th><th>Reason</th></tr></thead>
<tbody>${sessions.map((s) => html`<tr>
<td><a href="/gates/${encodeURIComponent(s.id)}">${timestamp(Date.parse(s.startedAt))}</a></td>
<td>${s.kind}</td><td>${verdictPill(s.verdict)}${s.interrupted ? html` <span class="sub">interrupted</span>` : ''}</td>
<td class="num">${s.score === null ? '–' : s.score.toFixed(1)}</td>
<td>${s.targets.map((t) => html`<div><span class="sub">${t.role}</span> ${t.name}</div>`)}</td>
<td>${s.location}</td><td class="num">${duration(s.durationMs)}</td><td class="reason">${s.reason}</td>
</tr>`)}</tbody></table>`}
${page.more ? html`<p><a href="/gates?${page.kind === undefined ? '' : `kind=${page.kind}&`}offset=${page.offset + page.limit}">Older sessions</a></p>` : ''}`;
}

export function verdictPill(verdict: string): SafeHtml {
  return pill(`verdict-${verdict.toLowerCase()}`, verdict);
}

/** One session: verdict, targets, and per CUJ its metric table. */
export function gatePage(session: GateSession): SafeHtml {
  return html`<h1>${session.kind} ${verdictPill(session.verdict)}${session.score === null ? '' : html` <span class="sub">score ${session.score.toFixed(1)}</span>`}</h1>
<p>${session.reason}</p>
<dl class="facts">
<dt>Started</dt><dd>${timestamp(Date.parse(session.startedAt))} · ${duration(session.durationMs)}${session.interrupted ? ' · interrupted' : ''}</dd>
${session.targets.map((t) => html`<dt>${t.role}</dt><dd>${t.name} <span class="sub">${t.url}</span></dd>`)}
<dt>Location</dt><dd>${session.location}</dd>
<dt>Runs</dt><dd><a href="/runs?session=${encodeURIComponent(session.id)}">the runs of this session</a></dd>
</dl>
${session.cujs.map((cuj) => html`<section><h2>${cuj.key} ${verdictPill(cuj.verdict)}${cuj.score === null ? '' : html` <span class="sub">score ${cuj.score.toFixed(1)}</span>`}</h2>
<p class="sub">${cuj.reason}</p>
<table class="metrics"><thead><tr><th>Metric</th>${session.kind === 'canary' ? html`<th>Baseline</th>` : ''}<th>${session.kind === 'canary' ? 'Canary' : 'Runs'}</th><th>Shift (interval)</th><th>p</th><th>Result</th><th>Why</th></tr></thead>
<tbody>${cuj.metrics.map((metric) => metricRow(metric, session.kind === 'canary'))}</tbody></table></section>`)}`;
}

function metricRow(metric: GateMetric, withBaseline: boolean): SafeHtml {
  const shift = metric.shiftMs;
  return html`<tr class="class-${metric.classification.toLowerCase()}">
<td>${metric.name}${metric.critical ? html` <span class="sub">critical</span>` : ''}</td>
${withBaseline ? html`<td>${side(metric.baseline)}</td>` : ''}
<td>${side(metric.canary)}</td>
<td class="num">${shift === undefined ? '–' : `${signed(shift.estimate)} (${signed(shift.lower)} … ${signed(shift.upper)}, ${Math.round(shift.confidenceLevel * 100)}%)`}</td>
<td class="num">${metric.pValue === undefined ? '–' : metric.pValue < 0.001 ? '< 0.001' : metric.pValue.toFixed(3)}</td>
<td>${pill(`class-${metric.classification.toLowerCase()}`, metric.decided ? metric.classification : `${metric.classification} (undecided)`)}</td>
<td class="reason">${metric.reason}</td>
</tr>`;
}

function side(s: GateSide | undefined): string {
  if (s === undefined) return '–';
  const parts: string[] = [];
  if (s.passed !== undefined) parts.push(`${s.passed} passed`);
  if (s.flaky !== undefined && s.flaky > 0) parts.push(`${s.flaky} flaky`);
  if (s.failed !== undefined) parts.push(`${s.failed} failed`);
  if (s.passRate !== undefined) parts.push(`pass rate ${percent(s.passRate, 1)}`);
  if (s.medianMs !== undefined) parts.push(`median ${duration(s.medianMs)}`);
  if (s.p95Ms !== undefined) parts.push(`p95 ${duration(s.p95Ms)}`);
  if (parts.length === 0 && s.count !== undefined) parts.push(`${s.count} samples`);
  return parts.join(', ') || '–';
}

function signed(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${duration(Math.abs(ms))}`;
}
