import { hasOtlpEndpoint, resolveOtlpSettings, type Env, type OtlpSettings, type OtlpSignal } from '../../exporters/otlp/index.js';
import type { ExporterKind, TelemetryOptions } from './telemetry-options.js';

/** What one signal exports to, and how long one export (and the final flush) may take. */
export type SignalSettings = { kind: 'otlp'; otlp: OtlpSettings; timeoutMs: number } | { kind: 'console' | 'none'; timeoutMs: number };

export interface TelemetrySettings {
  traces: SignalSettings;
  metrics: SignalSettings & { intervalMs: number };
}

/** Telemetry options or `OTEL_*` variables that cannot work, all listed at once. */
export class TelemetryConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid telemetry settings:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'TelemetryConfigError';
  }
}

const KINDS: readonly string[] = ['otlp', 'console', 'none'];
const DEFAULT_METRIC_INTERVAL_MS = 60_000;

/**
 * Resolves where traces and metrics go. For each signal: the option, else
 * `OTEL_SDK_DISABLED=true` (none), else `OTEL_TRACES_EXPORTER` / `OTEL_METRICS_EXPORTER`,
 * else `otlp` when an OTLP endpoint is configured (option or env) and `none` when not, so a
 * laptop run without a collector stays quiet instead of warning about localhost:4318.
 * @throws TelemetryConfigError listing every problem
 */
export function resolveTelemetrySettings(options: TelemetryOptions, env: Env): TelemetrySettings {
  const issues: string[] = [];
  const traces = signalSettings('traces', options.traces?.exporter, options, env, issues);
  const metrics = { ...signalSettings('metrics', options.metrics?.exporter, options, env, issues), intervalMs: metricInterval(options, env, issues) };
  // The SDK requires an export to finish within one interval.
  metrics.timeoutMs = Math.min(metrics.timeoutMs, metrics.intervalMs);
  if (issues.length > 0) throw new TelemetryConfigError(issues);
  return { traces, metrics };
}

function signalSettings(signal: OtlpSignal, configured: ExporterKind | undefined, options: TelemetryOptions, env: Env, issues: string[]): SignalSettings {
  const kind = configured ?? exporterFromEnv(signal, env, issues) ?? (hasOtlpEndpoint(signal, options.otlp, env) ? 'otlp' : 'none');
  const resolved = resolveOtlpSettings(signal, options.otlp, env);
  if (kind !== 'otlp') return { kind, timeoutMs: resolved.settings.timeoutMs };
  issues.push(...resolved.issues);
  return { kind, otlp: resolved.settings, timeoutMs: resolved.settings.timeoutMs };
}

function exporterFromEnv(signal: OtlpSignal, env: Env, issues: string[]): ExporterKind | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return 'none';
  const name = `OTEL_${signal.toUpperCase()}_EXPORTER`;
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (KINDS.includes(value)) return value as ExporterKind;
  issues.push(`${name}="${env[name]}" is not supported; use otlp, console or none`);
  return undefined;
}

function metricInterval(options: TelemetryOptions, env: Env, issues: string[]): number {
  if (options.metrics?.intervalMs !== undefined) return options.metrics.intervalMs;
  const raw = env.OTEL_METRIC_EXPORT_INTERVAL?.trim();
  if (raw === undefined || raw === '') return DEFAULT_METRIC_INTERVAL_MS;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  issues.push(`OTEL_METRIC_EXPORT_INTERVAL="${raw}" is not a positive number of milliseconds`);
  return DEFAULT_METRIC_INTERVAL_MS;
}
