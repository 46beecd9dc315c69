import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/index.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';
import type { ReporterStreams } from './reporters/reporter.js';

/**
 * Telemetry for a CLI session, from the config's `telemetry` key and the `OTEL_*` environment.
 * Its warnings (a collector that is down) go to stderr, once, so stdout stays for reporters.
 * `extraMetricReaders` pull from the same meters (serve's Prometheus endpoint).
 */
export function startRunTelemetry(
  config: ResolvedConfig,
  location: string,
  streams: ReporterStreams,
  env: NodeJS.ProcessEnv = process.env,
  extraMetricReaders?: MetricReader[],
): Telemetry {
  const { telemetry } = config;
  return createTelemetry({
    location,
    env,
    serviceName: telemetry.serviceName,
    traces: { exporter: telemetry.traces },
    metrics: { exporter: telemetry.metrics, intervalMs: telemetry.metricsIntervalMs },
    otlp: telemetry.otlp,
    networkSpans: telemetry.networkSpans,
    extraMetricReaders,
    logger: {
      warn: (message) => streams.err.write(`warning: ${message}\n`),
      info: (message) => streams.err.write(`${message}\n`),
    },
  });
}
