import { parseKeyPairsIntoRecord } from '@opentelemetry/core';

/** OTLP/HTTP body encoding: protobuf (the OTLP default) or JSON. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export type OtlpSignal = 'traces' | 'metrics';

/** Connection to an OTLP/HTTP collector as given in code or config. */
export interface OtlpOptions {
  /** Base URL (`http://collector:4318`); `/v1/traces` and `/v1/metrics` are appended. */
  endpoint?: string;
  protocol?: OtlpProtocol;
  /** Extra request headers (e.g. an API key); merged over `OTEL_EXPORTER_OTLP_HEADERS`. */
  headers?: Record<string, string>;
  /** How long one export may take before it is given up (default 5000). */
  timeoutMs?: number;
}

/** Everything one OTLP exporter needs, resolved. */
export interface OtlpSettings {
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A short export timeout: a collector that hangs must not hold up `outpost run` for long. */
export const DEFAULT_OTLP_TIMEOUT_MS = 5_000;
const DEFAULT_ENDPOINT = 'http://localhost:4318';
const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

/**
 * Resolves the OTLP settings of one signal. Precedence, field by field: explicit options, then
 * the signal's variable (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, used as the full URL), then the
 * generic one (`OTEL_EXPORTER_OTLP_ENDPOINT`, a base URL), then the default. Headers merge in
 * the same order, later sources winning per header. Problems are returned, not thrown, so the
 * caller can report all of them at once.
 */
export function resolveOtlpSettings(signal: OtlpSignal, options: OtlpOptions = {}, env: Env = {}): { settings: OtlpSettings; issues: string[] } {
  const issues: string[] = [];
  const variable = (name: string) => nonEmpty(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_${name}`]) ?? nonEmpty(env[`OTEL_EXPORTER_OTLP_${name}`]);
  const protocol = options.protocol ?? variable('PROTOCOL') ?? 'http/protobuf';
  if (!PROTOCOLS.includes(protocol)) issues.push(`OTLP protocol "${protocol}" is not supported for ${signal}; use http/protobuf or http/json`);
  const timeoutMs = options.timeoutMs ?? parseTimeout(variable('TIMEOUT'), issues);
  const url = signalUrl(signal, options, env);
  if (!isHttpUrl(url)) issues.push(`OTLP ${signal} endpoint "${url}" is not an http(s) URL`);
  return { settings: { url, protocol: protocol as OtlpProtocol, headers: signalHeaders(signal, options, env), timeoutMs }, issues };
}

/** True when an OTLP endpoint was given in options or the environment (so OTLP export is wanted). */
export function hasOtlpEndpoint(signal: OtlpSignal, options: OtlpOptions = {}, env: Env = {}): boolean {
  return options.endpoint !== undefined || nonEmpty(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`]) !== undefined || nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) !== undefined;
}

function signalUrl(signal: OtlpSignal, options: OtlpOptions, env: Env): string {
  if (options.endpoint !== undefined) return appendSignalPath(options.endpoint, signal);
  const specific = nonEmpty(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`]);
  if (specific !== undefined) return specific;
  return appendSignalPath(nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) ?? DEFAULT_ENDPOINT, signal);
}

function appendSignalPath(base: string, signal: OtlpSignal): string {
  return `${base.replace(/\/+$/, '')}/v1/${signal}`;
}

function signalHeaders(signal: OtlpSignal, options: OtlpOptions, env: Env): Record<string, string> {
  return {
    ...parseKeyPairsIntoRecord(env.OTEL_EXPORTER_OTLP_HEADERS),
    ...parseKeyPairsIntoRecord(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_HEADERS`]),
    ...options.headers,
  };
}

function parseTimeout(raw: string | undefined, issues: string[]): number {
  if (raw === undefined) return DEFAULT_OTLP_TIMEOUT_MS;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  issues.push(`OTLP timeout "${raw}" is not a positive number of milliseconds`);
  return DEFAULT_OTLP_TIMEOUT_MS;
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
