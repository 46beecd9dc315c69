export { ConsoleSpanExporter } from './console-span-exporter.js';
export { ConsoleMetricExporter } from './console-metric-exporter.js';
export type { LineWriter } from './console-line.js';
