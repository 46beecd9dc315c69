import { ROOT_CONTEXT, trace, type Attributes, type Context, type HrTime, type Span, type Tracer } from '@opentelemetry/api';
import type { StepResult } from '../journey/index.js';
import type { NetworkEvent, StepStartInfo, StepTrace } from '../runner/run-observer.js';
import { OUTPOST_ATTRIBUTES as A } from './attribute-names.js';
import { recordNetworkSpan } from './network-span.js';
import { markFailed, markPassed } from './span-status.js';
import { endAfter, toHrTime } from './span-time.js';
import { propagationHeaders } from './trace-propagation.js';

/** How a step span is made: the tracer, the run's span, and attributes every step repeats. */
export interface StepSpanContext {
  tracer: Tracer;
  runSpan: Span;
  /** Journey name, CUJ and run id, so step spans can be queried without joining on the root. */
  inherited: Attributes;
  networkSpans: boolean;
}

/** `step <name>`: a child of the run's span from `stepStarted` to the end the result reports. */
export class StepSpan implements StepTrace {
  private readonly span: Span;
  /** The parent of the step's network spans, made once rather than per request. */
  private readonly spanContext: Context;
  /** The step's trace context headers, the same for every request of the step: made on first use. */
  private headers: Record<string, string> | undefined;
  private ended = false;

  constructor(
    private readonly context: StepSpanContext,
    private readonly step: StepStartInfo,
  ) {
    this.span = context.tracer.startSpan(
      `step ${step.name}`,
      { startTime: toHrTime(step.startedAt), attributes: { ...context.inherited, ...stepAttributes(step) } },
      trace.setSpan(ROOT_CONTEXT, context.runSpan),
    );
    this.spanContext = trace.setSpan(ROOT_CONTEXT, this.span);
  }

  /** A copy each time: a caller that edits it must not change the next request's headers. */
  propagationHeaders(): Record<string, string> {
    this.headers ??= propagationHeaders(this.span);
    return { ...this.headers };
  }

  /** Requests are children of this span even when they finish after the step ended. */
  request(event: NetworkEvent): void {
    if (this.context.networkSpans) recordNetworkSpan(this.context.tracer, this.spanContext, event);
  }

  stepFinished(result: StepResult): void {
    if (this.ended) return;
    this.ended = true;
    const end = endAfter(result.startedAt ?? this.step.startedAt, result.durationMs);
    this.span.setAttribute(A.stepStatus, result.status);
    if (result.status === 'failed' || result.status === 'timedOut') markFailed(this.span, result.error, `step ${result.status}`, end);
    else if (result.status === 'passed') markPassed(this.span);
    this.span.end(end);
  }

  /** Ends a step the runner never finished (the run was cut short), at the run's end. */
  abandon(at: HrTime): void {
    if (this.ended) return;
    this.ended = true;
    this.span.setAttribute(A.stepStatus, 'unfinished');
    markFailed(this.span, undefined, 'the run ended before this step finished', at);
    this.span.end(at);
  }
}

/**
 * A zero-length span for a step that never ran because an earlier hard step failed. Kept so
 * the trace shows the whole journey and which steps the failure cut off; status stays unset
 * (the step did not fail) and `outpost.step.status` says `skipped`.
 */
export function recordSkippedStep(context: StepSpanContext, step: StepResult, at: HrTime): void {
  const span = context.tracer.startSpan(
    `step ${step.name}`,
    { startTime: at, attributes: { ...context.inherited, ...stepAttributes(step), [A.stepStatus]: step.status } },
    trace.setSpan(ROOT_CONTEXT, context.runSpan),
  );
  span.end(at);
}

function stepAttributes(step: { index: number; name: string; soft: boolean }): Attributes {
  return { [A.stepIndex]: step.index, [A.stepName]: step.name, [A.stepSoft]: step.soft };
}
