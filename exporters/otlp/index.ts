export { createOtlpSpanExporter, createOtlpMetricExporter } from './otlp-exporters.js';
export { resolveOtlpSettings, hasOtlpEndpoint, DEFAULT_OTLP_TIMEOUT_MS } from './otlp-settings.js';
export type { OtlpOptions, OtlpProtocol, OtlpSettings, OtlpSignal, Env } from './otlp-settings.js';
