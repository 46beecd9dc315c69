import type { Tracer } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import type { JourneyResult } from '../journey/index.js';
import type { RunStartInfo } from '../runner/run-observer.js';
import { createRunObserver } from './telemetry-observer.js';

const INFO: RunStartInfo = {
  runId: 'r1',
  journey: 'checkout',
  cuj: { id: 'buy' },
  location: 'lab',
  target: { name: 'shop', url: 'http://shop.test' },
  attempt: 1,
  tags: [],
  startedAt: new Date(0),
};
const RESULT: JourneyResult = {
  id: INFO.runId,
  ...pick(INFO, 'journey', 'cuj', 'location', 'target', 'attempt'),
  startedAt: INFO.startedAt.toISOString(),
  durationMs: 10,
  status: 'passed',
  steps: [],
  artifacts: {},
  tags: [],
};

function pick<T, K extends keyof T>(from: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

/** A tracer whose every span method throws, standing in for a bug in the telemetry code. */
const brokenTracer = {
  startSpan: () => {
    throw new Error('tracer exploded');
  },
} as unknown as Tracer;

function observerWith(tracer: Tracer | undefined, record: (result: JourneyResult) => void = () => {}) {
  const errors: unknown[] = [];
  const observer = createRunObserver({ tracer, metrics: { record }, networkSpans: true, onInternalError: (error) => errors.push(error) });
  return { observer, errors };
}

describe('createRunObserver', () => {
  it('never lets a telemetry error reach the runner, and still records the run’s metrics', () => {
    const recorded: JourneyResult[] = [];
    const { observer, errors } = observerWith(brokenTracer, (result) => recorded.push(result));

    const trace = observer.runStarted(INFO);
    const step = trace.stepStarted({ index: 0, name: 'open', soft: false, startedAt: new Date(0) });
    expect(step.propagationHeaders()).toEqual({});
    expect(() => step.request({ method: 'GET', url: 'http://shop.test/', resourceType: 'document', startTime: 1, endTime: 2, propagated: false })).not.toThrow();
    expect(() => step.stepFinished({ index: 0, name: 'open', soft: false, status: 'passed', durationMs: 1 })).not.toThrow();
    expect(() => trace.runFinished(RESULT)).not.toThrow();

    expect(recorded).toEqual([RESULT]);
    expect(errors.length).toBeGreaterThan(0);
    expect((errors[0] as Error).message).toBe('tracer exploded');
  });

  it('survives failing metrics and an error callback that throws', () => {
    const observer = createRunObserver({
      tracer: undefined,
      metrics: {
        record: () => {
          throw new Error('meter exploded');
        },
      },
      networkSpans: true,
      onInternalError: () => {
        throw new Error('logger exploded');
      },
    });
    expect(() => observer.runStarted(INFO).runFinished(RESULT)).not.toThrow();
  });

  it('records a run once even if told twice', () => {
    const recorded: JourneyResult[] = [];
    const { observer } = observerWith(undefined, (result) => recorded.push(result));
    const trace = observer.runStarted(INFO);
    trace.runFinished(RESULT);
    trace.runFinished(RESULT);
    expect(recorded).toHaveLength(1);
  });

  it('hands out no headers and no trace id when tracing is off', () => {
    const { observer } = observerWith(undefined);
    const trace = observer.runStarted(INFO);
    expect(trace.stepStarted({ index: 0, name: 'open', soft: false, startedAt: new Date(0) }).propagationHeaders()).toEqual({});
    expect(trace.traceId).toBeUndefined();
  });

  it("gives every request of a step the step span's headers, each caller its own copy", () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('test');
    const trace = observerWith(tracer).observer.runStarted(INFO);
    const step = trace.stepStarted({ index: 0, name: 'open', soft: false, startedAt: new Date(0) });
    const first = step.propagationHeaders();
    first.traceparent = 'changed by a caller';
    const second = step.propagationHeaders();
    step.stepFinished({ index: 0, name: 'open', soft: false, status: 'passed', durationMs: 1 });
    const stepSpan = exporter.getFinishedSpans().find((span) => span.name === 'step open')!;
    expect(second.traceparent).toBe(`00-${trace.traceId}-${stepSpan.spanContext().spanId}-01`);
    expect(step.propagationHeaders()).toEqual(second);
    const next = trace.stepStarted({ index: 1, name: 'pay', soft: false, startedAt: new Date(1) }).propagationHeaders();
    expect(next.traceparent).not.toBe(second.traceparent);
  });

  it('gives no trace id when the span could not be started', () => {
    expect(observerWith(brokenTracer).observer.runStarted(INFO).traceId).toBeUndefined();
  });
});
