import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpSettings } from './otlp-settings.js';

/** An OTLP/HTTP span exporter (protobuf or JSON) for fully resolved settings. */
export function createOtlpSpanExporter(settings: OtlpSettings): SpanExporter {
  const config = exporterConfig(settings);
  return settings.protocol === 'http/json' ? new JsonTraceExporter(config) : new ProtoTraceExporter(config);
}

/** An OTLP/HTTP metric exporter (protobuf or JSON, cumulative temporality) for fully resolved settings. */
export function createOtlpMetricExporter(settings: OtlpSettings): PushMetricExporter {
  const config = exporterConfig(settings);
  return settings.protocol === 'http/json' ? new JsonMetricExporter(config) : new ProtoMetricExporter(config);
}

// Every field is passed explicitly so the SDK's own reading of process.env cannot override
// what was resolved (and tests can pass their own env).
function exporterConfig(settings: OtlpSettings) {
  return { url: settings.url, headers: { ...settings.headers }, timeoutMillis: settings.timeoutMs, userAgent: 'outpost' };
}
