import type { Tracer } from '@opentelemetry/api';
import type { RunObserver, RunStartInfo, RunTrace, StepTrace } from '../runner/run-observer.js';
import type { JourneyMetrics } from './journey-metrics.js';
import { probeOutcome } from './probe-outcome.js';
import { RunSpan } from './run-span.js';

/** What the observer records into. Without a tracer (traces off) it records metrics only. */
export interface ObserverParts {
  tracer: Tracer | undefined;
  metrics: Pick<JourneyMetrics, 'record'>;
  networkSpans: boolean;
  /** Told about an error telemetry swallowed (a bug of ours); the journey goes on regardless. */
  onInternalError: (error: unknown) => void;
}

const NO_STEP: StepTrace = { propagationHeaders: () => ({}), request: () => {}, stepFinished: () => {} };

/**
 * The RunObserver the runner gets. Every method is synchronous, only queues work for the
 * exporters (which run in the background), and never throws.
 */
export function createRunObserver(parts: ObserverParts): RunObserver {
  return {
    runStarted: (info) => guard(parts, () => observeRun(parts, info), { stepStarted: () => NO_STEP, runFinished: () => {} }),
  };
}

function observeRun(parts: ObserverParts, info: RunStartInfo): RunTrace {
  // Separately guarded: without a span the run's metrics must still be recorded.
  const tracer = parts.tracer;
  const span = tracer === undefined ? undefined : guard(parts, () => new RunSpan(tracer, info, parts.networkSpans), undefined);
  let finished = false;
  const traceId = span === undefined ? undefined : guard(parts, () => span.traceId, undefined);
  return {
    ...(traceId === undefined ? {} : { traceId }),
    stepStarted: (step) => guard(parts, () => (span === undefined ? NO_STEP : guardStep(parts, span.stepStarted(step))), NO_STEP),
    runFinished: (result) => {
      if (finished) return;
      finished = true;
      guard(parts, () => parts.metrics.record(result, probeOutcome(result.status, result.attempt, info.maxAttempts ?? result.attempt)), undefined);
      guard(parts, () => span?.runFinished(result), undefined);
    },
  };
}

function guardStep(parts: ObserverParts, step: StepTrace): StepTrace {
  return {
    propagationHeaders: () => guard(parts, () => step.propagationHeaders(), {}),
    request: (event) => guard(parts, () => step.request(event), undefined),
    stepFinished: (result) => guard(parts, () => step.stepFinished(result), undefined),
  };
}

function guard<T>(parts: ObserverParts, work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    try {
      parts.onInternalError(error);
    } catch {
      // A logger that throws must not reach the runner either.
    }
    return fallback;
  }
}
