import { ROOT_CONTEXT, type Attributes, type HrTime, type Span, type Tracer } from '@opentelemetry/api';
import { failingStep, type JourneyResult } from '../journey/index.js';
import type { RunStartInfo, StepStartInfo, StepTrace } from '../runner/run-observer.js';
import { OUTPOST_ATTRIBUTES as A } from './attribute-names.js';
import { markFailed, markPassed } from './span-status.js';
import { endAfter, toHrTime } from './span-time.js';
import { StepSpan, recordSkippedStep, type StepSpanContext } from './step-span.js';

/** `journey <name>`: the root span of one run, from its start to the end the result reports. */
export class RunSpan {
  private readonly span: Span;
  private readonly stepContext: StepSpanContext;
  private readonly steps = new Map<number, StepSpan>();

  constructor(tracer: Tracer, info: RunStartInfo, networkSpans: boolean) {
    this.span = tracer.startSpan(`journey ${info.journey}`, { startTime: toHrTime(info.startedAt), attributes: runAttributes(info) }, ROOT_CONTEXT);
    this.stepContext = {
      tracer,
      runSpan: this.span,
      inherited: { [A.journeyName]: info.journey, [A.cujId]: info.cuj.id, [A.runId]: info.runId },
      networkSpans,
    };
  }

  /** The id that the run's spans share (what a tracing UI looks a trace up by). */
  get traceId(): string {
    return this.span.spanContext().traceId;
  }

  stepStarted(step: StepStartInfo): StepTrace {
    const span = new StepSpan(this.stepContext, step);
    this.steps.set(step.index, span);
    return span;
  }

  /** Ends what is still open, adds spans for skipped steps, and ends the root. */
  runFinished(result: JourneyResult): void {
    const end = endAfter(result.startedAt, result.durationMs);
    this.finishSteps(result, end);
    this.span.setAttribute(A.journeyStatus, result.status);
    if (result.status === 'passed') markPassed(this.span);
    else markFailed(this.span, result.error ?? failingStep(result)?.error, `journey ${result.status}`, end);
    this.span.end(end);
  }

  private finishSteps(result: JourneyResult, end: HrTime): void {
    for (const step of result.steps) {
      const span = this.steps.get(step.index);
      if (span !== undefined) span.stepFinished(step);
      else if (step.status === 'skipped') recordSkippedStep(this.stepContext, step, end);
    }
    for (const span of this.steps.values()) span.abandon(end);
  }
}

function runAttributes(info: RunStartInfo): Attributes {
  return {
    [A.journeyName]: info.journey,
    [A.cujId]: info.cuj.id,
    [A.location]: info.location,
    [A.target]: info.target.name,
    [A.targetUrl]: info.target.url,
    [A.runId]: info.runId,
    [A.runAttempt]: info.attempt,
    ...(info.sessionId === undefined ? {} : { [A.sessionId]: info.sessionId }),
    ...(info.tags.length === 0 ? {} : { [A.journeyTags]: [...info.tags] }),
  };
}
