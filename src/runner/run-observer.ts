import type { JourneyResult, StepResult } from '../journey/index.js';

/**
 * How the runner reports a run as it happens, so telemetry (spans, metrics) can follow it
 * without the runner knowing about OpenTelemetry. All methods are synchronous and must not
 * throw; an observer that fails must swallow its own errors (journeys never fail because of it).
 */
export interface RunObserver {
  runStarted(run: RunStartInfo): RunTrace;
}

export interface RunStartInfo {
  runId: string;
  journey: string;
  cuj: { id: string; description?: string };
  location: string;
  target: { name: string; url: string };
  attempt: number;
  /** Attempts the run may make in all; when `attempt` equals it, a failure is confirmed. Default: `attempt`. */
  maxAttempts?: number;
  sessionId?: string;
  tags: readonly string[];
  startedAt: Date;
}

/** Follows one run. */
export interface RunTrace {
  /** The trace id of the run's spans (32 hex digits), kept on the result; absent when tracing is off. */
  readonly traceId?: string;
  stepStarted(step: StepStartInfo): StepTrace;
  /** Called once, with the final (redacted) result. */
  runFinished(result: JourneyResult): void;
}

export interface StepStartInfo {
  index: number;
  name: string;
  soft: boolean;
  startedAt: Date;
}

/** Follows one step. */
export interface StepTrace {
  /**
   * W3C trace context headers (`traceparent`, `tracestate`) that first-party requests made
   * during this step carry, so the backend's spans join the journey's trace under this step.
   * Empty when tracing is off.
   */
  propagationHeaders(): Record<string, string>;
  /** A request the page or the API client made during this step, after it finished or failed. */
  request(event: NetworkEvent): void;
  stepFinished(result: StepResult): void;
}

/** One HTTP request, with timing from Playwright. Times are epoch milliseconds. */
export interface NetworkEvent {
  method: string;
  url: string;
  /** Playwright's resource type (`document`, `xhr`, `fetch`), or `api` for the APIRequestContext. */
  resourceType: string;
  startTime: number;
  endTime: number;
  /** Absent when the request failed before a response. */
  status?: number;
  /** Why the request failed (`net::ERR_CONNECTION_REFUSED`, …). */
  failure?: string;
  /** True when trace context headers were injected into it. */
  propagated: boolean;
}

/** The observer used when telemetry is off. */
export const NO_OBSERVER: RunObserver = {
  runStarted: () => ({
    stepStarted: () => ({ propagationHeaders: () => ({}), request: () => {}, stepFinished: () => {} }),
    runFinished: () => {},
  }),
};
