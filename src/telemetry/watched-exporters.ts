import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExportHealth } from './export-health.js';

type ResultCallback = (result: ExportResult) => void;

/** A span exporter that reports each export's outcome to `health`. */
export function watchSpanExporter(exporter: SpanExporter, destination: string, health: ExportHealth): SpanExporter {
  return {
    export: (spans: ReadableSpan[], done: ResultCallback) => watchedExport((cb) => exporter.export(spans, cb), destination, health, done),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

/** A metric exporter that reports each export's outcome to `health`, keeping its temporality and aggregation choices. */
export function watchMetricExporter(exporter: PushMetricExporter, destination: string, health: ExportHealth): PushMetricExporter {
  const watched: PushMetricExporter = {
    export: (metrics: ResourceMetrics, done: ResultCallback) => watchedExport((cb) => exporter.export(metrics, cb), destination, health, done),
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
  };
  if (exporter.selectAggregationTemporality) watched.selectAggregationTemporality = exporter.selectAggregationTemporality.bind(exporter);
  if (exporter.selectAggregation) watched.selectAggregation = exporter.selectAggregation.bind(exporter);
  return watched;
}

function watchedExport(send: (cb: ResultCallback) => void, destination: string, health: ExportHealth, done: ResultCallback): void {
  let reported = false;
  const report: ResultCallback = (result) => {
    if (reported) return;
    reported = true;
    if (result.code === ExportResultCode.SUCCESS) health.succeeded(destination);
    else health.failed(destination, result.error);
    done(result);
  };
  try {
    send(report);
  } catch (error) {
    report({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
  }
}
