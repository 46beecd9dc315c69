import { describe, expect, it } from 'vitest';
import { TelemetryConfigError, resolveTelemetrySettings } from './telemetry-settings.js';

const resolve = (options: Parameters<typeof resolveTelemetrySettings>[0], env: Record<string, string> = {}) => resolveTelemetrySettings(options, env);

describe('resolveTelemetrySettings', () => {
  it('exports nothing when no exporter and no endpoint is configured (a laptop run stays quiet)', () => {
    const settings = resolve({ location: 'here' });
    expect([settings.traces.kind, settings.metrics.kind]).toEqual(['none', 'none']);
  });

  it('exports OTLP when an endpoint is configured, in options or env', () => {
    expect(resolve({ location: 'here', otlp: { endpoint: 'http://c:4318' } }).traces).toMatchObject({ kind: 'otlp', otlp: { url: 'http://c:4318/v1/traces' } });
    expect(resolve({ location: 'here' }, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).metrics).toMatchObject({ kind: 'otlp', otlp: { url: 'http://c:4318/v1/metrics' } });
  });

  it('takes OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER, and the options over them', () => {
    const env = { OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    expect([resolve({ location: 'here' }, env).traces.kind, resolve({ location: 'here' }, env).metrics.kind]).toEqual(['console', 'none']);
    const configured = resolve({ location: 'here', traces: { exporter: 'otlp' }, metrics: { exporter: 'console' } }, env);
    expect([configured.traces.kind, configured.metrics.kind]).toEqual(['otlp', 'console']);
  });

  it('turns both signals off with OTEL_SDK_DISABLED unless the options say otherwise', () => {
    const env = { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    expect(resolve({ location: 'here' }, env).traces.kind).toBe('none');
    expect(resolve({ location: 'here', metrics: { exporter: 'otlp' } }, env).metrics.kind).toBe('otlp');
  });

  it('uses the metric interval from options, then OTEL_METRIC_EXPORT_INTERVAL, and keeps the export timeout within it', () => {
    expect(resolve({ location: 'here' }).metrics.intervalMs).toBe(60_000);
    expect(resolve({ location: 'here' }, { OTEL_METRIC_EXPORT_INTERVAL: '15000' }).metrics.intervalMs).toBe(15_000);
    const fast = resolve({ location: 'here', metrics: { exporter: 'otlp', intervalMs: 1_000 }, otlp: { timeoutMs: 5_000 } });
    expect(fast.metrics).toMatchObject({ intervalMs: 1_000, timeoutMs: 1_000 });
    expect(fast.traces.timeoutMs).toBe(5_000);
  });

  it('throws one TelemetryConfigError listing every problem', () => {
    const env = { OTEL_TRACES_EXPORTER: 'jaeger', OTEL_METRIC_EXPORT_INTERVAL: 'often', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    let error: unknown;
    try {
      resolve({ location: 'here', metrics: { exporter: 'otlp' } }, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TelemetryConfigError);
    const { issues, message } = error as TelemetryConfigError;
    expect(issues).toHaveLength(3);
    expect(message).toContain('OTEL_TRACES_EXPORTER="jaeger"');
    expect(message).toContain('OTEL_METRIC_EXPORT_INTERVAL="often"');
    expect(message).toContain('protocol "grpc" is not supported for metrics');
  });

  it('does not complain about OTLP variables for a signal that does not use OTLP', () => {
    expect(() => resolve({ location: 'here', traces: { exporter: 'console' } }, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).not.toThrow();
  });
});
