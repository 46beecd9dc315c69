export { createTelemetry } from './create-telemetry.js';
export type { Telemetry } from './create-telemetry.js';
export type { TelemetryOptions, TelemetryLogger, ExporterKind, OtlpOptions, OtlpProtocol } from './telemetry-options.js';
export { TelemetryConfigError } from './telemetry-settings.js';
export { registerSloGauges } from './slo-gauges.js';
export { freshGauges } from './gauge-temporality.js';
export type { SloGaugeSource, SloReading } from './slo-gauges.js';
export { OUTPOST_ATTRIBUTES, METRIC_ATTRIBUTES } from './attribute-names.js';
export { INSTRUMENTS, DURATION_BUCKETS_SECONDS } from './instrument-names.js';
