import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** An attribute value as received: strings, numbers (OTLP ints included), booleans, arrays. */
export type ReceivedValue = string | number | boolean | ReceivedValue[] | { [key: string]: ReceivedValue } | null;
export type ReceivedAttributes = Record<string, ReceivedValue>;

/** One span, the same whether it arrived as protobuf or JSON. Ids are lowercase hex. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId?: string;
  traceState?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  attributes: ReceivedAttributes;
  events: { name: string; timeMs: number; attributes: ReceivedAttributes }[];
  startTimeMs: number;
  endTimeMs: number;
  resource: ReceivedAttributes;
  scope: string;
}

/** One metric data point, flattened with its metric's name and unit. */
export interface ReceivedPoint {
  metric: string;
  unit: string;
  type: 'sum' | 'gauge' | 'histogram' | 'exponentialHistogram';
  attributes: ReceivedAttributes;
  /** Sums and gauges. */
  value?: number;
  /** Histograms. */
  count?: number;
  sum?: number;
  bucketCounts?: number[];
  explicitBounds?: number[];
  resource: ReceivedAttributes;
}

export type Signal = 'traces' | 'metrics';
export type Encoding = 'protobuf' | 'json';

// A decoded request in OTLP/JSON shape (lowerCamelCase fields). Loosely typed on purpose: the
// normalisers below are what give it a shape, and a missing field must read as undefined.
type Json = Record<string, any>;

const PROTO_DIR = fileURLToPath(new URL('./otlp-proto/', import.meta.url));
const REQUEST_TYPES: Record<Signal, string> = {
  traces: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  metrics: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
};
let root: protobuf.Root | undefined;

/**
 * Decodes an OTLP/HTTP request body into OTLP/JSON shape. Protobuf goes through protobufjs with
 * our .proto subset (ids arrive as base64 there and are turned into hex, as OTLP/JSON has them).
 */
export function decodeRequest(signal: Signal, encoding: Encoding, body: Buffer): Json {
  if (encoding === 'json') return JSON.parse(body.toString('utf8')) as Json;
  const type = protoRoot().lookupType(REQUEST_TYPES[signal]);
  const object = type.toObject(type.decode(body), { longs: String, enums: Number, bytes: String });
  return hexIds(object);
}

function protoRoot(): protobuf.Root {
  if (root !== undefined) return root;
  root = new protobuf.Root();
  root.resolvePath = (_origin, target) => PROTO_DIR + target;
  root.loadSync(['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto']);
  return root;
}

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

function hexIds(value: Json): Json {
  if (Array.isArray(value)) return value.map(hexIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, ID_FIELDS.has(key) ? Buffer.from(String(inner), 'base64').toString('hex') : hexIds(inner)]),
  );
}

/** The spans of a decoded trace request. */
export function spansOf(request: Json): ReceivedSpan[] {
  return list(request.resourceSpans).flatMap((resourceSpans: Json) => {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    return list(resourceSpans.scopeSpans).flatMap((scopeSpans: Json) =>
      list(scopeSpans.spans).map((span: Json) => toSpan(span, resource, scopeSpans.scope?.name ?? '')),
    );
  });
}

function toSpan(span: Json, resource: ReceivedAttributes, scope: string): ReceivedSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId === undefined || span.parentSpanId === '' ? undefined : span.parentSpanId,
    traceState: span.traceState || undefined,
    name: span.name,
    kind: Number(span.kind ?? 0),
    status: { code: Number(span.status?.code ?? 0), message: span.status?.message || undefined },
    attributes: attributesOf(span.attributes),
    events: list(span.events).map((event: Json) => ({ name: event.name, timeMs: nanosToMillis(event.timeUnixNano), attributes: attributesOf(event.attributes) })),
    startTimeMs: nanosToMillis(span.startTimeUnixNano),
    endTimeMs: nanosToMillis(span.endTimeUnixNano),
    resource,
    scope,
  };
}

/** The data points of a decoded metrics request. */
export function pointsOf(request: Json): ReceivedPoint[] {
  return list(request.resourceMetrics).flatMap((resourceMetrics: Json) => {
    const resource = attributesOf(resourceMetrics.resource?.attributes);
    return list(resourceMetrics.scopeMetrics).flatMap((scope: Json) => list(scope.metrics).flatMap((metric: Json) => metricPoints(metric, resource)));
  });
}

function metricPoints(metric: Json, resource: ReceivedAttributes): ReceivedPoint[] {
  const type = (['sum', 'gauge', 'histogram', 'exponentialHistogram'] as const).find((key) => metric[key] !== undefined);
  if (type === undefined) return [];
  return list(metric[type].dataPoints).map((point: Json) => ({
    metric: metric.name,
    unit: metric.unit ?? '',
    type,
    attributes: attributesOf(point.attributes),
    ...(type === 'sum' || type === 'gauge' ? { value: Number(point.asDouble ?? point.asInt ?? 0) } : histogramFields(point)),
    resource,
  }));
}

function histogramFields(point: Json): Partial<ReceivedPoint> {
  return {
    count: Number(point.count ?? 0),
    sum: point.sum === undefined ? undefined : Number(point.sum),
    bucketCounts: list(point.bucketCounts).map(Number),
    explicitBounds: list(point.explicitBounds).map(Number),
  };
}

function attributesOf(keyValues: Json[] | undefined): ReceivedAttributes {
  return Object.fromEntries(list(keyValues).map((kv: Json) => [kv.key, anyValue(kv.value)]));
}

function anyValue(value: Json | undefined): ReceivedValue {
  if (value === undefined || value === null) return null;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return Boolean(value.boolValue);
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) return list(value.arrayValue?.values).map(anyValue);
  if ('kvlistValue' in value) return attributesOf(value.kvlistValue?.values);
  if ('bytesValue' in value) return String(value.bytesValue);
  return null;
}

function nanosToMillis(nanos: string | number | undefined): number {
  return nanos === undefined ? 0 : Number(BigInt(nanos) / 1000n) / 1000;
}

function list(value: Json[] | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}
