import { describe, expect, it } from 'vitest';
import { DEFAULT_OTLP_TIMEOUT_MS, hasOtlpEndpoint, resolveOtlpSettings } from './otlp-settings.js';

describe('resolveOtlpSettings', () => {
  it('defaults to protobuf on localhost:4318 with the signal path', () => {
    expect(resolveOtlpSettings('traces')).toEqual({
      settings: { url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf', headers: {}, timeoutMs: DEFAULT_OTLP_TIMEOUT_MS },
      issues: [],
    });
    expect(resolveOtlpSettings('metrics').settings.url).toBe('http://localhost:4318/v1/metrics');
  });

  it('appends the signal path to the generic endpoint but uses a signal endpoint as is', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics-gw/ingest' };
    expect(resolveOtlpSettings('traces', {}, env).settings.url).toBe('http://collector:4318/v1/traces');
    expect(resolveOtlpSettings('metrics', {}, env).settings.url).toBe('http://metrics-gw/ingest');
  });

  it('lets explicit options override every variable', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://from-env/v1/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TIMEOUT: '9000',
    };
    const { settings } = resolveOtlpSettings('traces', { endpoint: 'https://vendor.example/otlp', protocol: 'http/json', timeoutMs: 1500 }, env);
    expect(settings).toMatchObject({ url: 'https://vendor.example/otlp/v1/traces', protocol: 'http/json', timeoutMs: 1500 });
  });

  it('prefers the signal variable over the generic one', () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TIMEOUT: '2000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' };
    expect(resolveOtlpSettings('traces', {}, env).settings).toMatchObject({ protocol: 'http/json', timeoutMs: 700 });
    expect(resolveOtlpSettings('metrics', {}, env).settings).toMatchObject({ protocol: 'http/protobuf', timeoutMs: 2000 });
  });

  it('merges headers: generic, then signal, then options, decoding percent-escapes', () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: 'api-key=generic,x-team=probes', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=traces%20key' };
    expect(resolveOtlpSettings('traces', { headers: { 'x-team': 'sre' } }, env).settings.headers).toEqual({ 'api-key': 'traces key', 'x-team': 'sre' });
    expect(resolveOtlpSettings('metrics', {}, env).settings.headers).toEqual({ 'api-key': 'generic', 'x-team': 'probes' });
  });

  it('reports every unusable value at once', () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TIMEOUT: 'soon', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' };
    const { issues } = resolveOtlpSettings('traces', {}, env);
    expect(issues).toHaveLength(3);
    expect(issues.join('\n')).toMatch(/protocol "grpc"[\s\S]*timeout "soon"[\s\S]*"collector:4318\/v1\/traces" is not an http\(s\) URL/);
  });

  it('ignores empty variables', () => {
    expect(resolveOtlpSettings('traces', {}, { OTEL_EXPORTER_OTLP_ENDPOINT: ' ', OTEL_EXPORTER_OTLP_TIMEOUT: '' }).settings).toMatchObject({
      url: 'http://localhost:4318/v1/traces',
      timeoutMs: DEFAULT_OTLP_TIMEOUT_MS,
    });
  });
});

describe('hasOtlpEndpoint', () => {
  it('is true only when an endpoint is given for the signal', () => {
    expect(hasOtlpEndpoint('traces')).toBe(false);
    expect(hasOtlpEndpoint('traces', { endpoint: 'http://c:4318' })).toBe(true);
    expect(hasOtlpEndpoint('traces', {}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(true);
    expect(hasOtlpEndpoint('metrics', {}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(false);
  });
});
