/**
 * The outcome of one run of a journey: plain data that the store keeps, telemetry
 * exports, scoring counts and reporters print. A failure is data here, never an exception.
 */

/**
 * - `passed`: every hard step passed (soft steps may have failed).
 * - `failed`: a hard step failed (assertion or error in the journey's own code).
 * - `timedOut`: a step or the journey ran past its timeout.
 * - `error`: Outpost could not run the journey (browser crashed, missing secret, …);
 *   not the target's fault.
 * - `aborted`: the process shut down before the run finished.
 */
export type RunStatus = 'passed' | 'failed' | 'timedOut' | 'error' | 'aborted';

/** `skipped`: a step after a failed hard step. */
export type StepStatus = 'passed' | 'failed' | 'timedOut' | 'skipped';

export interface ErrorInfo {
  message: string;
  stack?: string;
}

export interface StepResult {
  index: number;
  name: string;
  soft: boolean;
  status: StepStatus;
  /** ISO-8601; absent for skipped steps. */
  startedAt?: string;
  durationMs: number;
  error?: ErrorInfo;
  /** Lines the step logged, redacted. */
  logs?: string[];
}

/** Paths relative to the results folder. */
export interface RunArtifacts {
  screenshot?: string;
  trace?: string;
}

/**
 * One endpoint a run really exercised: requests of the page (documents, XHR, fetch) and of the
 * API client, grouped by step, method, host, path pattern (ids collapsed) and status.
 * This is the journey's coverage of the backends it is meant to watch.
 */
export interface EndpointUse {
  step: number;
  method: string;
  /** `host:port` as in the URL. */
  host: string;
  /** The path with ids collapsed to `:id` and no query string, e.g. `/api/orders/:id`. */
  path: string;
  /** The response status, or 0 when the request failed without a response. */
  status: number;
  count: number;
  totalMs: number;
}

export interface JourneyResult {
  id: string;
  journey: string;
  cuj: { id: string; description?: string };
  location: string;
  target: { name: string; url: string };
  /** ISO-8601. */
  startedAt: string;
  durationMs: number;
  status: RunStatus;
  /** 1 for the first attempt; confirmation retries count up. */
  attempt: number;
  steps: StepResult[];
  /** Why the run did not pass, when the cause is not a single step (e.g. browser crashed). */
  error?: ErrorInfo;
  artifacts: RunArtifacts;
  tags: string[];
  /** The session a run belongs to (a `run` invocation, a verify or canary analysis). */
  sessionId?: string;
  /** Endpoints the run exercised (absent when nothing was recorded). */
  endpoints?: EndpointUse[];
  /** The OpenTelemetry trace id (32 hex digits) of the run's spans; absent when tracing was off. */
  traceId?: string;
}

/** The first hard step that did not pass, if any. */
export function failingStep(result: JourneyResult): StepResult | undefined {
  return result.steps.find((s) => !s.soft && (s.status === 'failed' || s.status === 'timedOut'));
}

/** Soft steps that failed: anomalies that do not fail the run. */
export function softFailures(result: JourneyResult): StepResult[] {
  return result.steps.filter((s) => s.soft && s.status !== 'passed' && s.status !== 'skipped');
}
