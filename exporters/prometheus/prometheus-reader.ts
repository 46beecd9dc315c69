import type { IncomingMessage, ServerResponse } from 'node:http';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { withPrometheusNames } from './prometheus-names.js';

/** The Prometheus text exposition format, version 0.0.4 (what the serializer writes). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface PrometheusReaderOptions {
  /**
   * Add a `target_info` series holding the OTel resource attributes. Off by default: Prometheus
   * already labels every series with `job` and `instance`, and one extra info series per
   * target is noise unless you join on resource attributes.
   */
  targetInfo?: boolean;
  /**
   * Add `otel_scope_name`/`otel_scope_version` labels to every series. Off by default: Outpost
   * records through a single meter, so the labels carry no information. (Turning them off would
   * merge same-named metrics from two meters into duplicate series; Outpost has only one.)
   */
  scopeLabels?: boolean;
}

/** A pull endpoint for Prometheus: a metric reader plus the ways to serve what it reads. */
export interface PrometheusReader {
  /** Register it on a `MeterProvider` (`new MeterProvider({ readers: [reader] })`). */
  reader: MetricReader;
  /** Answers a scrape (node:http style): 200 with the text format, 500 when collection fails. Mount it at `/metrics`. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Collects now and returns the Prometheus text format. Rejects when the reader is not registered or shut down. */
  render(): Promise<string>;
}

/**
 * Creates a Prometheus pull reader for any `MeterProvider`. Metric names follow Prometheus
 * conventions (`outpost_journey_duration_seconds_bucket`, `outpost_journey_runs_total`); see
 * prometheus-names.ts for the mapping.
 *
 * Built on `@opentelemetry/exporter-prometheus` with its own server turned off: the exporter
 * reads (cumulative, default aggregations) and its serializer writes the text format. We do not
 * use its `getMetricsRequestHandler`, because it answers `text/plain` without the format version,
 * always with status 200 (even when collection failed), and serializes names without units.
 */
export function createPrometheusReader(options: PrometheusReaderOptions = {}): PrometheusReader {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const serializer = new PrometheusSerializer(undefined, false, undefined, !options.targetInfo, !options.scopeLabels);
  const render = async (): Promise<string> => {
    // Partial collection errors (a failing observable callback) still leave the rest worth serving.
    const { resourceMetrics } = await exporter.collect();
    return serializer.serialize(withPrometheusNames(resourceMetrics));
  };
  const handler = (_req: IncomingMessage, res: ServerResponse): void => {
    render().then(
      (body) => respond(res, 200, PROMETHEUS_CONTENT_TYPE, body),
      (error: unknown) => respond(res, 500, 'text/plain; charset=utf-8', `# failed to collect metrics: ${String(error)}\n`),
    );
  };
  return { reader: exporter, handler, render };
}

function respond(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
