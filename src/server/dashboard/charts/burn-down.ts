import { html, type SafeHtml } from '../../../html/index.js';
import type { BurnDownPoint } from '../sources/slo-source.js';
import { linear, round } from './scale.js';

const WIDTH = 120;
const HEIGHT = 28;

/**
 * The budget burn-down over the SLO period as a sparkline: 100% at the top, 0 at the zero line,
 * overspent below it. The browser script redraws it from the same points.
 */
export function burnDownSparkline(points: readonly BurnDownPoint[], label: string): SafeHtml {
  if (points.length === 0) return html``;
  const low = Math.min(0, ...points.map((p) => p.remaining));
  const x = linear([points[0]!.atMs, points.at(-1)!.atMs], [1, WIDTH - 1]);
  const y = linear([low, 1], [HEIGHT - 1, 1]);
  const line = points.map((p) => `${round(x(p.atMs))},${round(y(p.remaining))}`).join(' ');
  return html`<svg class="spark" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><line class="zero" x1="0" x2="${WIDTH}" y1="${round(y(0))}" y2="${round(y(0))}"></line><polyline class="burn" points="${line}"></polyline></svg>`;
}
