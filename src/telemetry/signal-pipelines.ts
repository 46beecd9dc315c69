import type { Resource } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader, type MetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ConsoleMetricExporter, ConsoleSpanExporter, type LineWriter } from '../../exporters/console/index.js';
import { createOtlpMetricExporter, createOtlpSpanExporter } from '../../exporters/otlp/index.js';
import type { ExportHealth } from './export-health.js';
import { withFreshGauges } from './gauge-temporality.js';
import type { SignalSettings, TelemetrySettings } from './telemetry-settings.js';
import { syntheticSampler } from './trace-propagation.js';
import { watchMetricExporter, watchSpanExporter } from './watched-exporters.js';

/**
 * Spans wait in a bounded queue and leave in batches in the background, so a slow or absent
 * collector costs the journeys nothing; past the bound, new spans are dropped, not buffered.
 */
const BATCH = { maxQueueSize: 2048, maxExportBatchSize: 512, scheduledDelayMillis: 5_000 };

/** The tracer provider for the trace settings, or undefined when traces are off. */
export function createTracerProvider(settings: SignalSettings, resource: Resource, health: ExportHealth, write?: LineWriter): TracerProvider | undefined {
  const processor = spanProcessor(settings, health, write);
  return processor === undefined ? undefined : new TracerProvider({ resource, sampler: syntheticSampler, spanProcessors: [processor] });
}

function spanProcessor(settings: SignalSettings, health: ExportHealth, write?: LineWriter): SpanProcessor | undefined {
  if (settings.kind === 'otlp') {
    const exporter = watchSpanExporter(createOtlpSpanExporter(settings.otlp), `OTLP trace export to ${settings.otlp.url}`, health);
    return new BatchSpanProcessor({ exporter, ...BATCH, exportTimeoutMillis: settings.timeoutMs });
  }
  // Console spans print as each one ends: the point of that exporter is watching a run live.
  if (settings.kind === 'console') return new SimpleSpanProcessor({ exporter: watchSpanExporter(new ConsoleSpanExporter(write), 'console trace export', health) });
  return undefined;
}

/** The push reader for the metric settings (none when metrics are not pushed). */
export function createPushMetricReaders(settings: TelemetrySettings['metrics'], health: ExportHealth, write?: LineWriter): MetricReader[] {
  const exporter = pushExporter(settings, health, write);
  if (exporter === undefined) return [];
  return [new PeriodicExportingMetricReader({ exporter: withFreshGauges(exporter), exportIntervalMillis: settings.intervalMs, exportTimeoutMillis: settings.timeoutMs })];
}

function pushExporter(settings: SignalSettings, health: ExportHealth, write?: LineWriter): PushMetricExporter | undefined {
  if (settings.kind === 'otlp') return watchMetricExporter(createOtlpMetricExporter(settings.otlp), `OTLP metric export to ${settings.otlp.url}`, health);
  if (settings.kind === 'console') return watchMetricExporter(new ConsoleMetricExporter(write), 'console metric export', health);
  return undefined;
}
