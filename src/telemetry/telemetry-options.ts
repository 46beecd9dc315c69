import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { OtlpOptions } from '../../exporters/otlp/index.js';

export type { OtlpOptions, OtlpProtocol } from '../../exporters/otlp/index.js';

/** Where a signal goes: an OTLP/HTTP collector, stderr (debugging), or nowhere. */
export type ExporterKind = 'otlp' | 'console' | 'none';

/** The two lines telemetry ever logs: an export started failing, and it recovered. */
export interface TelemetryLogger {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * What `createTelemetry` needs. Explicit options win over the standard `OTEL_*` environment
 * variables, which win over defaults (the OpenTelemetry configuration rule: env is the default,
 * code overrides it).
 */
export interface TelemetryOptions {
  /** `service.name`; else `OTEL_SERVICE_NAME`, else `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, else `outpost`. */
  serviceName?: string;
  /** `service.version`; defaults to Outpost's package version. */
  serviceVersion?: string;
  /** Where the probes run (`eu-west-1`, `ci`); a resource attribute and a metric label. */
  location: string;
  /** Environment to read `OTEL_*` variables from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Unset: `OTEL_TRACES_EXPORTER`, else `otlp` when an OTLP endpoint is configured, else `none`. */
  traces?: { exporter?: ExporterKind };
  metrics?: {
    /** Unset: `OTEL_METRICS_EXPORTER`, else `otlp` when an OTLP endpoint is configured, else `none`. */
    exporter?: ExporterKind;
    /** How often metrics are pushed (default 60000, or `OTEL_METRIC_EXPORT_INTERVAL`). */
    intervalMs?: number;
  };
  otlp?: OtlpOptions;
  /** One CLIENT span per request a step made (default true). */
  networkSpans?: boolean;
  /** Receives the warn-once line when an export fails and the line when it recovers (default: silent). */
  logger?: TelemetryLogger;
  /** Readers that pull from the same MeterProvider (the Prometheus endpoint). */
  extraMetricReaders?: MetricReader[];
  /** Where the console exporters write (default stderr, so stdout stays for reporters). */
  consoleWrite?: (line: string) => void;
}
