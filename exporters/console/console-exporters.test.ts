import { SpanStatusCode } from '@opentelemetry/api';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { ConsoleMetricExporter, ConsoleSpanExporter } from './index.js';

describe('ConsoleSpanExporter', () => {
  it('prints one line per span with ids, status, duration and attributes', () => {
    const lines: string[] = [];
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter((line) => lines.push(line)) })] }).getTracer('t');
    const span = tracer.startSpan('step log in', { startTime: 1_700_000_000_000, attributes: { 'outpost.step.index': 1, 'outpost.step.name': 'log in' } });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'no "Welcome"' });
    span.end(1_700_000_000_812);

    expect(lines).toHaveLength(1);
    const { traceId, spanId } = span.spanContext();
    expect(lines[0]).toBe(
      `span "step log in" trace=${traceId} span=${spanId} parent=- kind=INTERNAL status=ERROR("no \\"Welcome\\"") 812ms outpost.step.index=1 outpost.step.name="log in"`,
    );
  });
});

describe('ConsoleMetricExporter', () => {
  it('prints counters as values and histograms with their buckets', async () => {
    const lines: string[] = [];
    const reader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter((line) => lines.push(line)), exportIntervalMillis: 60_000 });
    const meter = new MeterProvider({ readers: [reader] }).getMeter('t');
    meter.createCounter('outpost.journey.runs').add(2, { journey: 'checkout', status: 'passed' });
    meter.createHistogram('outpost.journey.duration', { advice: { explicitBucketBoundaries: [1, 5] } }).record(2, { journey: 'checkout' });
    await reader.forceFlush();

    expect(lines).toEqual(['metric outpost.journey.runs{journey=checkout status=passed} 2', 'metric outpost.journey.duration{journey=checkout} count=1 sum=2 buckets=[1:0,5:1,+Inf:0]']);
    await reader.shutdown();
  });
});
