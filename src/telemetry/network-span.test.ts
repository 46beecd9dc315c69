import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import type { NetworkEvent } from '../runner/run-observer.js';
import { recordNetworkSpan } from './network-span.js';

function record(event: Partial<NetworkEvent>) {
  const exporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('test');
  recordNetworkSpan(tracer, ROOT_CONTEXT, { method: 'GET', url: 'https://shop.test/', resourceType: 'fetch', startTime: 1_700_000_000_000, endTime: 1_700_000_000_050, propagated: false, ...event });
  const [span] = exporter.getFinishedSpans();
  return span!;
}

describe('recordNetworkSpan', () => {
  it('is a CLIENT span named after the method', () => {
    const span = record({ method: 'post', status: 200 });
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.name).toBe('POST');
    expect(span.attributes['http.request.method']).toBe('POST');
  });

  it('names unknown methods HTTP with _OTHER and keeps the original', () => {
    const span = record({ method: 'PURGE', status: 200 });
    expect(span.name).toBe('HTTP');
    expect(span.attributes).toMatchObject({ 'http.request.method': '_OTHER', 'http.request.method_original': 'PURGE' });
  });

  it('fills in the default port and redacts credentials in url.full', () => {
    const span = record({ url: 'https://probe:s3cret@shop.test/login?next=%2F', status: 302 });
    expect(span.attributes).toMatchObject({ 'url.full': 'https://REDACTED:REDACTED@shop.test/login?next=%2F', 'server.address': 'shop.test', 'server.port': 443 });
    expect(record({ url: 'http://shop.test/' }).attributes['server.port']).toBe(80);
  });

  it('leaves 4xx unset, marks 5xx and failures ERROR with error.type', () => {
    const notFound = record({ status: 404 });
    expect(notFound.status.code).toBe(SpanStatusCode.UNSET);
    expect(notFound.attributes).not.toHaveProperty('error.type');
    expect(record({ status: 502 }).attributes['error.type']).toBe('502');
    const failed = record({ failure: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(failed.attributes['error.type']).toBe('net::ERR_NAME_NOT_RESOLVED');
  });

  it('never ends before it starts, and copes with a URL it cannot parse', () => {
    const span = record({ url: 'not a url', startTime: 1_700_000_000_100, endTime: 1_700_000_000_000 });
    expect(span.duration).toEqual([0, 0]);
    expect(span.attributes['url.full']).toBe('not a url');
    expect(span.attributes).not.toHaveProperty('server.address');
  });
});
