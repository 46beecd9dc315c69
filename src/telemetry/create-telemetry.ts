import type { MeterProvider as MeterProviderApi } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import packageJson from '../../package.json' with { type: 'json' };
import type { RunObserver } from '../runner/run-observer.js';
import { ExportHealth } from './export-health.js';
import { INSTRUMENTATION_SCOPE } from './instrument-names.js';
import { JourneyMetrics } from './journey-metrics.js';
import { boundedFlush } from './bounded-flush.js';
import { createPushMetricReaders, createTracerProvider } from './signal-pipelines.js';
import { createRunObserver } from './telemetry-observer.js';
import type { TelemetryLogger, TelemetryOptions } from './telemetry-options.js';
import { buildResource } from './telemetry-resource.js';
import { resolveTelemetrySettings } from './telemetry-settings.js';

/** Outpost's OpenTelemetry: what the runner reports into, and what the CLI flushes at exit. */
export interface Telemetry {
  /** Hand this to the runner (`runJourney({ observer })`). */
  observer: RunObserver;
  /** Spans are exported somewhere; without that, injecting trace context into requests is pointless. */
  tracing: boolean;
  /** Others observe into it (the scoring engine's SLO gauges); pull readers attach via `extraMetricReaders`. */
  meterProvider: MeterProviderApi;
  /** Exports what is pending now (a long-running scheduler may call it after a batch); bounded by the export timeout. */
  forceFlush(): Promise<void>;
  /**
   * Flushes and stops every exporter and reader (the providers' shutdown includes the final
   * flush). Resolves within the export timeout plus a second even when the collector hangs;
   * never rejects. Idempotent.
   */
  shutdown(): Promise<void>;
}

const SILENT: TelemetryLogger = { warn: () => {}, info: () => {} };
/** Head room past the export timeout for the exporters to report their own timeout first. */
const GRACE_MS = 1_000;

/**
 * Builds tracing and metrics for journey runs from options and the `OTEL_*` environment.
 * @throws TelemetryConfigError when options or variables cannot work (all problems at once)
 * @example
 * const telemetry = createTelemetry({ location: 'eu-west-1', logger, otlp: { endpoint: 'http://collector:4318' } });
 * await runJourney({ ...options, observer: telemetry.observer });
 * await telemetry.shutdown();
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  const settings = resolveTelemetrySettings(options, env);
  const logger = options.logger ?? SILENT;
  const health = new ExportHealth(logger);
  const resource = buildResource(options, env);
  const tracerProvider = createTracerProvider(settings.traces, resource, health, options.consoleWrite);
  const readers = [...createPushMetricReaders(settings.metrics, health, options.consoleWrite), ...(options.extraMetricReaders ?? [])];
  const meterProvider = new MeterProvider({ resource, readers });
  const observer = createRunObserver({
    tracer: tracerProvider?.getTracer(INSTRUMENTATION_SCOPE, packageJson.version),
    metrics: new JourneyMetrics(meterProvider.getMeter(INSTRUMENTATION_SCOPE, packageJson.version)),
    networkSpans: options.networkSpans ?? true,
    onInternalError: warnOnce(logger),
  });
  const limitMs = Math.max(settings.traces.timeoutMs, settings.metrics.timeoutMs) + GRACE_MS;
  const bounded = (what: string, work: () => (Promise<unknown> | undefined)[]) => boundedFlush(what, work, limitMs, health);
  let shutdown: Promise<void> | undefined;
  return {
    observer,
    tracing: tracerProvider !== undefined,
    meterProvider,
    forceFlush: () => bounded('telemetry flush', () => [tracerProvider?.forceFlush(), meterProvider.forceFlush()]),
    shutdown: () => (shutdown ??= bounded('final telemetry flush', () => [tracerProvider?.shutdown(), meterProvider.shutdown()]).finally(() => health.close())),
  };
}

function warnOnce(logger: TelemetryLogger): (error: unknown) => void {
  let warned = false;
  return (error) => {
    if (warned) return;
    warned = true;
    logger.warn(`telemetry: could not record part of a run (${error instanceof Error ? error.message : String(error)}); the journeys are not affected`);
  };
}
