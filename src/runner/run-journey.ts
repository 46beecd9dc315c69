import { randomUUID } from 'node:crypto';
import type { BrowserContextOptions } from 'playwright';
import { fixturesUsedByJourney, type Journey, type JourneyResult, type RunStatus, type StepResult } from '../journey/index.js';
import { saveArtifacts, traceRecording, type ArtifactPolicy } from './artifacts.js';
import type { BrowserPool } from './browser-pool.js';
import { toErrorInfo } from './error-info.js';
import { NO_REDACTION, type Redactor } from './redactor.js';
import { NetworkCapture } from './network-capture.js';
import { NO_OBSERVER, type RunObserver, type RunTrace } from './run-observer.js';
import { RunResources } from './run-resources.js';
import { executeStep, type StepEnvironment, type StepPlan } from './step-execution.js';

export interface RunTarget {
  name: string;
  baseURL: string;
  /** Per-target overrides of the journey's params. */
  params?: Record<string, unknown>;
}

export interface RunJourneyOptions {
  journey: Journey;
  target: RunTarget;
  location: string;
  pool: BrowserPool;
  /** Playwright context options (`use` from playwright.config.ts and config). */
  contextOptions?: BrowserContextOptions;
  /** Defaults used when the journey sets none. */
  timeouts: { journeyMs: number; stepMs: number };
  artifacts: ArtifactPolicy;
  secrets?: Readonly<Record<string, string>>;
  redactor?: Redactor;
  attempt?: number;
  /** Attempts this run may make with its confirmation retries; default: this attempt is the last. */
  maxAttempts?: number;
  sessionId?: string;
  /** Aborting marks the run `aborted` and skips what is left. */
  signal?: AbortSignal;
  /** Follows the run for telemetry (spans, metrics). */
  observer?: RunObserver;
  /** Trace context propagation into the system under test. */
  propagation?: PropagationOptions;
}

export interface PropagationOptions {
  /** Inject W3C trace context into first-party requests (default true when an observer is set). */
  enabled: boolean;
  /** Origins besides the target's that count as first party. Third parties never get headers. */
  extraOrigins?: readonly string[];
}

/**
 * Runs one journey once, in a fresh BrowserContext of the warm browser, and returns what
 * happened. Never throws for journey or browser failures: they are data on the result.
 */
export async function runJourney(options: RunJourneyOptions): Promise<JourneyResult> {
  const id = randomUUID();
  const startedAt = new Date();
  const { journey } = options;
  const journeyMs = journey.timeoutMs ?? options.timeouts.journeyMs;
  const fixtures = fixturesUsedByJourney(journey);
  const redactor = options.redactor ?? NO_REDACTION;
  const trace = startTrace(options, id, startedAt);
  const network = new NetworkCapture({
    firstPartyOrigins: [options.target.baseURL, ...(options.propagation?.extraOrigins ?? [])],
    propagate: options.propagation?.enabled ?? options.observer !== undefined,
    redact: (text) => redactor.redact(text),
  });
  const resources = new RunResources({
    pool: options.pool,
    contextOptions: options.contextOptions ?? {},
    baseURL: options.target.baseURL,
    needsBrowser: fixtures === undefined || fixtures.has('page') || fixtures.has('context'),
    trace: traceRecording(options.artifacts.trace),
    actionTimeoutMs: journey.stepTimeoutMs ?? options.timeouts.stepMs,
    network,
  });
  const outcome = await runSteps(options, resources, { redactor, trace, network }, startedAt.getTime() + journeyMs);
  await network.settle();
  const status = outcome.status;
  const artifacts = await saveArtifacts(resources, { policy: options.artifacts, runId: id, passed: status === 'passed', redactor });
  await resources.close();
  const result: JourneyResult = {
    id,
    journey: journey.name,
    cuj: journey.cuj,
    location: options.location,
    target: { name: options.target.name, url: options.target.baseURL },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    status,
    attempt: options.attempt ?? 1,
    steps: outcome.steps,
    error: outcome.error,
    artifacts,
    tags: [...journey.tags],
    sessionId: options.sessionId,
    ...(trace.traceId === undefined ? {} : { traceId: trace.traceId }),
  };
  const endpoints = network.endpoints();
  if (endpoints.length > 0) result.endpoints = endpoints;
  const redacted = redactor.redactDeep(result);
  trace.runFinished(redacted);
  return redacted;
}

function startTrace(options: RunJourneyOptions, runId: string, startedAt: Date): RunTrace {
  const { journey } = options;
  return (options.observer ?? NO_OBSERVER).runStarted({
    runId,
    journey: journey.name,
    cuj: journey.cuj,
    location: options.location,
    target: { name: options.target.name, url: options.target.baseURL },
    attempt: options.attempt ?? 1,
    maxAttempts: options.maxAttempts ?? options.attempt ?? 1,
    sessionId: options.sessionId,
    tags: journey.tags,
    startedAt,
  });
}

/** What follows a run besides its Playwright objects. */
interface RunFollowers {
  redactor: Redactor;
  trace: RunTrace;
  network: NetworkCapture;
}

interface StepsOutcome {
  status: RunStatus;
  steps: StepResult[];
  error?: JourneyResult['error'];
}

async function runSteps(options: RunJourneyOptions, resources: RunResources, followers: RunFollowers, deadline: number): Promise<StepsOutcome> {
  const { journey } = options;
  try {
    await resources.open();
  } catch (error) {
    return { status: 'error', steps: skippedFrom(journey, 0), error: { message: `could not start the run: ${toErrorInfo(error).message}` } };
  }
  const env: StepEnvironment = {
    resources,
    params: { ...journey.params, ...options.target.params },
    secrets: options.secrets ?? {},
    target: { name: options.target.name, baseURL: options.target.baseURL },
    redactor: followers.redactor,
    signal: options.signal,
  };
  const steps: StepResult[] = [];
  for (const [index, step] of journey.steps.entries()) {
    const remaining = deadline - Date.now();
    const stepMs = step.timeoutMs ?? journey.stepTimeoutMs ?? options.timeouts.stepMs;
    const plan: StepPlan = { step, index, timeoutMs: Math.min(stepMs, Math.max(0, remaining)), limitedBy: remaining < stepMs ? 'journey' : 'step' };
    const stepTrace = followers.trace.stepStarted({ index, name: step.name, soft: step.soft, startedAt: new Date() });
    followers.network.enterStep(index, stepTrace);
    const executed = await executeStep(plan, env);
    stepTrace.stepFinished(followers.redactor.redactDeep(executed.result));
    steps.push(executed.result);
    const stop = executed.aborted || resources.browserLost || (!step.soft && executed.result.status !== 'passed');
    if (stop) {
      steps.push(...skippedFrom(journey, index + 1));
      return { status: finalStatus(executed.result, executed.aborted, resources.browserLost), steps, error: runError(executed.result, resources.browserLost) };
    }
  }
  return { status: 'passed', steps };
}

function finalStatus(last: StepResult, aborted: boolean, browserLost: boolean): RunStatus {
  if (aborted) return 'aborted';
  if (browserLost) return 'error';
  return last.status === 'timedOut' ? 'timedOut' : 'failed';
}

function runError(last: StepResult, browserLost: boolean): JourneyResult['error'] {
  if (browserLost) {
    return { message: `browser crashed: the browser disconnected during step "${last.name}"; it will be relaunched for the next run` };
  }
  return last.error === undefined ? undefined : { message: `step "${last.name}": ${last.error.message}` };
}

function skippedFrom(journey: Journey, start: number): StepResult[] {
  return journey.steps.slice(start).map((s, i) => ({ index: start + i, name: s.name, soft: s.soft, status: 'skipped', durationMs: 0 }));
}
