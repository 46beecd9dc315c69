import { ROOT_CONTEXT, defaultTextMapSetter, trace, type Span } from '@opentelemetry/api';
import { TraceState, W3CTraceContextPropagator } from '@opentelemetry/core';
import { SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace';

/**
 * `tracestate` entry that marks every Outpost trace as synthetic traffic, so the system under
 * test (and its trace backend) can tell probe requests from users' and exclude or route them.
 */
export const SYNTHETIC_TRACE_STATE = new TraceState('outpost=synthetic');

const propagator = new W3CTraceContextPropagator();

/**
 * Samples every run (a probe runs a few times a minute; each run is worth keeping) and stamps
 * the root span's trace state, which children and propagated headers inherit.
 */
export const syntheticSampler: Sampler = {
  shouldSample: (context) => ({
    decision: SamplingDecision.RECORD_AND_SAMPLED,
    traceState: trace.getSpanContext(context) === undefined ? SYNTHETIC_TRACE_STATE : undefined,
  }),
  toString: () => 'OutpostSyntheticSampler',
};

/** `traceparent` naming `span` as the parent, and the synthetic `tracestate`. */
export function propagationHeaders(span: Span): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  return carrier;
}
