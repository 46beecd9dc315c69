import { html, type SafeHtml } from '../../../html/index.js';
import { linear, niceMax, round, segments } from './scale.js';

export interface LineSeries {
  name: string;
  /** CSS class of the line (its colour). */
  className: string;
  points: readonly { x: number; y: number | null }[];
}

export interface LineChartOptions {
  series: readonly LineSeries[];
  xDomain: [number, number];
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  /** Accessible name of the chart. */
  label: string;
  /** The viewBox size: text keeps its size in these units, so smaller charts get a smaller width. */
  width?: number;
  height?: number;
}

const MARGIN = { left: 56, right: 8, top: 8, bottom: 20 };

/** A server-rendered line chart: axes, three grid lines, and one polyline per series (gaps break lines). */
export function lineChart(options: LineChartOptions): SafeHtml {
  const WIDTH = options.width ?? 1000;
  const height = options.height ?? 200;
  const values = options.series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y])));
  const yMax = niceMax(Math.max(0, ...values) * 1.05);
  const x = linear(options.xDomain, [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linear([0, yMax], [height - MARGIN.bottom, MARGIN.top]);
  const yTicks = [0, yMax / 2, yMax];
  const xTicks = [0, 1 / 3, 2 / 3, 1].map((share) => options.xDomain[0] + share * (options.xDomain[1] - options.xDomain[0]));
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${options.label}">
    ${yTicks.map((tick) => html`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${round(y(tick))}" y2="${round(y(tick))}"></line>
    <text class="axis" x="${MARGIN.left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${options.formatY(tick)}</text>`)}
    ${xTicks.map((tick, i) => html`<text class="axis" x="${round(x(tick))}" y="${height - 4}" text-anchor="${i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}">${options.formatX(tick)}</text>`)}
    ${options.series.map((series) => {
      const scaled = series.points.map((p) => ({ x: x(p.x), y: p.y === null ? null : y(p.y) }));
      return html`${segments(scaled).map((points) => html`<polyline class="line ${series.className}" points="${points}"><title>${series.name}</title></polyline>`)}
      ${scaled.map((p) => (p.y === null ? '' : html`<circle class="dot ${series.className}" cx="${round(p.x)}" cy="${round(p.y)}" r="3"></circle>`))}`;
    })}
    ${values.length === 0 ? html`<text class="empty" x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle">no passed runs in this range</text>` : ''}
  </svg>`;
}
