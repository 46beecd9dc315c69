import type { JourneyResult, RunStatus, StepResult, StepStatus } from '../../src/journey/index.js';
import type { NetworkEvent, RunObserver, RunStartInfo } from '../../src/runner/run-observer.js';

/** A fixed clock origin, so span times are exact in assertions. */
export const BASE_MS = Date.parse('2025-06-01T12:00:00.000Z');

/** One step of a synthetic run; times are offsets from the run's start. */
export interface StepPlan {
  name: string;
  status: StepStatus;
  soft?: boolean;
  startMs?: number;
  durationMs?: number;
  error?: { message: string; stack?: string };
  requests?: Omit<NetworkEvent, 'propagated'>[];
}

export interface RunPlan {
  journey?: string;
  cuj?: string;
  target?: string;
  status: RunStatus;
  durationMs: number;
  steps: StepPlan[];
  error?: { message: string };
  attempt?: number;
  maxAttempts?: number;
  sessionId?: string;
}

/** What the runner would have seen: the final result and the headers each step handed out. */
export interface SimulatedRun {
  info: RunStartInfo;
  result: JourneyResult;
  headers: Record<string, string>[];
}

/**
 * Drives an observer exactly as the runner does (runStarted → per step: stepStarted,
 * propagationHeaders, request…, stepFinished → runFinished), without a browser. Skipped steps
 * are never started, as in `runJourney`.
 */
export function simulateRun(observer: RunObserver, plan: RunPlan, runId = 'run-1'): SimulatedRun {
  const info = runInfo(plan, runId);
  const trace = observer.runStarted(info);
  const headers: Record<string, string>[] = [];
  const steps = plan.steps.map((step, index) => stepResult(step, index));
  for (const [index, step] of plan.steps.entries()) {
    if (step.status === 'skipped') continue;
    const stepTrace = trace.stepStarted({ index, name: step.name, soft: step.soft ?? false, startedAt: new Date(BASE_MS + (step.startMs ?? 0)) });
    headers.push(stepTrace.propagationHeaders());
    for (const request of step.requests ?? []) stepTrace.request({ ...request, propagated: true });
    stepTrace.stepFinished(steps[index]!);
  }
  const result = journeyResult(plan, info, steps);
  trace.runFinished(result);
  return { info, result, headers };
}

function runInfo(plan: RunPlan, runId: string): RunStartInfo {
  return {
    runId,
    journey: plan.journey ?? 'checkout',
    cuj: { id: plan.cuj ?? 'buy-a-thing' },
    location: 'test-lab',
    target: { name: plan.target ?? 'demo-shop', url: 'http://shop.test:8080' },
    attempt: plan.attempt ?? 1,
    ...(plan.maxAttempts === undefined ? {} : { maxAttempts: plan.maxAttempts }),
    sessionId: plan.sessionId,
    tags: ['smoke'],
    startedAt: new Date(BASE_MS),
  };
}

function stepResult(step: StepPlan, index: number): StepResult {
  const ran = step.status !== 'skipped';
  return {
    index,
    name: step.name,
    soft: step.soft ?? false,
    status: step.status,
    ...(ran ? { startedAt: new Date(BASE_MS + (step.startMs ?? 0)).toISOString() } : {}),
    durationMs: ran ? (step.durationMs ?? 100) : 0,
    ...(step.error === undefined ? {} : { error: step.error }),
  };
}

function journeyResult(plan: RunPlan, info: RunStartInfo, steps: StepResult[]): JourneyResult {
  return {
    id: info.runId,
    journey: info.journey,
    cuj: info.cuj,
    location: info.location,
    target: info.target,
    startedAt: info.startedAt.toISOString(),
    durationMs: plan.durationMs,
    status: plan.status,
    attempt: info.attempt,
    steps,
    ...(plan.error === undefined ? {} : { error: plan.error }),
    artifacts: {},
    tags: [...info.tags],
    ...(info.sessionId === undefined ? {} : { sessionId: info.sessionId }),
  };
}

/** A passing three-step checkout with requests in two steps. */
export const PASSING_CHECKOUT: RunPlan = {
  status: 'passed',
  durationMs: 2_000,
  steps: [
    {
      name: 'open shop',
      status: 'passed',
      startMs: 10,
      durationMs: 400,
      requests: [{ method: 'GET', url: 'http://shop.test:8080/', resourceType: 'document', startTime: BASE_MS + 20, endTime: BASE_MS + 120, status: 200 }],
    },
    {
      name: 'add to cart',
      status: 'passed',
      startMs: 450,
      durationMs: 700,
      requests: [
        { method: 'POST', url: 'https://api.shop.test/cart?item=42', resourceType: 'fetch', startTime: BASE_MS + 500, endTime: BASE_MS + 650, status: 201 },
        { method: 'GET', url: 'https://api.shop.test/recommendations', resourceType: 'xhr', startTime: BASE_MS + 600, endTime: BASE_MS + 900, status: 503 },
      ],
    },
    { name: 'see cart', status: 'passed', startMs: 1_200, durationMs: 300 },
  ],
};

/** Login passes, paying fails (hard), the receipt step is skipped; a soft step failed before. */
export const FAILING_CHECKOUT: RunPlan = {
  status: 'failed',
  durationMs: 3_000,
  error: { message: 'step "pay": expected "Thank you" to be visible' },
  steps: [
    { name: 'log in', status: 'passed', startMs: 5, durationMs: 300 },
    { name: 'banner', status: 'failed', soft: true, startMs: 320, durationMs: 50, error: { message: 'banner missing' } },
    {
      name: 'pay',
      status: 'failed',
      startMs: 400,
      durationMs: 2_000,
      error: { message: 'expected "Thank you" to be visible\nCall log: …', stack: 'Error: expected "Thank you" to be visible\n    at pay (checkout.ts:12:3)' },
      requests: [{ method: 'POST', url: 'https://pay.test/charge', resourceType: 'api', startTime: BASE_MS + 500, endTime: BASE_MS + 700, failure: 'net::ERR_CONNECTION_REFUSED' }],
    },
    { name: 'receipt', status: 'skipped' },
  ],
};
