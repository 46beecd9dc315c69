import { html, type SafeHtml } from '../../../html/index.js';
import { linear, round } from '../charts/scale.js';
import type { RunDetail, StepView } from '../views/run-detail.js';
import { duration, timestamp } from './format.js';
import { pill } from './layout.js';

/**
 * The run page: what failed and why first (failing step, error, screenshot), then the step
 * waterfall, the trace (download, viewer command, link into the tracing UI) and the endpoints
 * the run exercised.
 */
export function runPage(run: RunDetail): SafeHtml {
  const journeyHref = `/journeys/${encodeURIComponent(run.journey)}`;
  return html`<h1><a href="${journeyHref}">${run.journey}</a> · run ${pill(`st-${run.display}`, run.display)}</h1>
<dl class="facts">
<dt>Started</dt><dd>${timestamp(run.startedAtMs)}</dd>
<dt>Duration</dt><dd>${duration(run.durationMs)}</dd>
<dt>Status</dt><dd>${run.status}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}</dd>
<dt>Location</dt><dd>${run.location}</dd>
<dt>Target</dt><dd>${run.target.name} <span class="sub">${run.target.url}</span></dd>
<dt>CUJ</dt><dd>${run.cuj}${run.cujDescription === undefined ? '' : html` — ${run.cujDescription}`}</dd>
${run.sessionId === undefined ? '' : html`<dt>Session</dt><dd><a href="/runs?session=${encodeURIComponent(run.sessionId)}">${run.sessionId}</a></dd>`}
<dt>Run id</dt><dd><code>${run.id}</code></dd>
</dl>
${failure(run)}
<section><h2>Steps</h2>${waterfall(run)}</section>
${traceSection(run)}
${coverageSection(run)}`;
}

function failure(run: RunDetail): SafeHtml {
  const failing = run.steps.find((step) => step.name === run.failingStep && step.error !== undefined);
  const error = failing?.error ?? run.runError;
  if (error === undefined && run.screenshotUrl === undefined) return html``;
  return html`<section class="failure" id="failure"><h2>${run.failingStep === undefined ? 'Error' : html`Failing step: <span class="failing-step">${run.failingStep}</span>`}</h2>
${error === undefined ? '' : html`<pre class="error-message">${error.message}</pre>${error.stack === undefined ? '' : html`<details><summary>Stack</summary><pre>${error.stack}</pre></details>`}`}
${run.screenshotUrl === undefined ? '' : html`<figure class="screenshot"><a href="${run.screenshotUrl}"><img src="${run.screenshotUrl}" alt="screenshot of the page when ${run.journey} ${run.status === 'passed' ? 'ended' : 'failed'}"></a><figcaption>The page when the run ${run.status === 'passed' ? 'ended' : 'failed'}</figcaption></figure>`}
</section>`;
}

const WIDTH = 600;

/** One row per step: a bar from its start to its end on the run's time axis. */
function waterfall(run: RunDetail): SafeHtml {
  if (run.steps.length === 0) return html`<p class="empty">No steps ran.</p>`;
  const end = Math.max(run.durationMs, ...run.steps.map((step) => (step.offsetMs ?? 0) + step.durationMs), 1);
  const x = linear([0, end], [0, WIDTH]);
  return html`<table class="waterfall">
<thead><tr><th>#</th><th>Step</th><th>Status</th><th class="bar-col">0 … ${duration(end)}</th><th>Duration</th></tr></thead>
<tbody>${run.steps.map((step) => html`<tr class="step-row step-row-${step.status}">
<td class="num">${step.index + 1}</td>
<td>${step.name}${step.soft ? html` <span class="sub">(soft)</span>` : ''}${step.error === undefined ? '' : html`<div class="step-error">${step.error.message}</div>`}${logs(step)}</td>
<td>${pill(`step-${step.status}`, step.status)}</td>
<td class="bar-col"><svg class="bar" viewBox="0 0 ${WIDTH} 10" preserveAspectRatio="none" aria-hidden="true">${step.offsetMs === null ? '' : html`<rect class="step-${step.status}" x="${round(x(step.offsetMs))}" y="1" width="${round(Math.max(1.5, x(step.durationMs)))}" height="8"></rect>`}</svg></td>
<td class="num">${step.offsetMs === null ? '–' : duration(step.durationMs)}</td>
</tr>`)}</tbody>
</table>`;
}

function logs(step: StepView): SafeHtml {
  if (step.logs === undefined) return html``;
  return html`<details class="logs"><summary>${step.logs.length} log lines</summary><pre>${step.logs.join('\n')}</pre></details>`;
}

function traceSection(run: RunDetail): SafeHtml {
  if (run.trace === undefined && run.traceId === undefined) return html``;
  return html`<section><h2>Trace</h2>
${run.trace === undefined ? '' : html`<p><a class="button" href="${run.trace.downloadUrl}" download="${run.trace.fileName}">Download the Playwright trace</a> then open it with <code>${run.trace.showTraceCommand}</code> (or drop it on trace.playwright.dev).</p>`}
${run.traceId === undefined ? '' : html`<p>OpenTelemetry trace <code>${run.traceId}</code>${run.traceLink === undefined ? html` <span class="sub">(set <code>dashboard.traceUrl</code> in the config to link it to your tracing UI)</span>` : html` · <a href="${run.traceLink}" rel="noopener noreferrer" target="_blank">open in the tracing UI</a>`}</p>`}
</section>`;
}

function coverageSection(run: RunDetail): SafeHtml {
  if (run.coverage.length === 0) return html``;
  return html`<section><h2>Network coverage</h2><p class="sub">Endpoints this run exercised, per step (ids collapsed to :id).</p>
<table class="coverage"><thead><tr><th>Step</th><th>Method</th><th>Host</th><th>Path</th><th>Status</th><th>Requests</th><th>Mean</th></tr></thead>
<tbody>${run.coverage.map((use) => html`<tr class="${use.status >= 400 || use.status === 0 ? 'http-error' : ''}"><td>${use.stepName ?? use.step + 1}</td><td>${use.method}</td><td>${use.host}</td><td><code>${use.path}</code></td><td class="num">${use.status === 0 ? 'failed' : use.status}</td><td class="num">${use.requests}</td><td class="num">${duration(use.meanMs)}</td></tr>`)}</tbody></table></section>`;
}
