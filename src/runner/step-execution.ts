import { expect } from 'playwright/test';
import type { Step, StepContext, StepResult, TargetInfo } from '../journey/index.js';
import { toErrorInfo } from './error-info.js';
import type { Redactor } from './redactor.js';
import type { RunResources } from './run-resources.js';
import { withTimeout, type Outcome } from './with-timeout.js';

export interface StepPlan {
  step: Step;
  index: number;
  timeoutMs: number;
  /** Which limit bounds this step: its own timeout, or what is left of the journey's. */
  limitedBy: 'step' | 'journey';
}

export interface StepEnvironment {
  resources: RunResources;
  params: Record<string, unknown>;
  secrets: Readonly<Record<string, string>>;
  target: TargetInfo;
  redactor: Redactor;
  signal?: AbortSignal;
}

/** Outcome of a step, plus whether the run was interrupted while it ran. */
export interface ExecutedStep {
  result: StepResult;
  aborted: boolean;
}

/** Runs one step against its deadline. Failures become data on the StepResult. */
export async function executeStep(plan: StepPlan, env: StepEnvironment): Promise<ExecutedStep> {
  const startedAt = new Date();
  const logs: string[] = [];
  const outcome = await raceAbort(
    withTimeout(async () => {
      if (needsPage(plan.step)) await env.resources.ensurePage();
      env.resources.setActionTimeout(plan.timeoutMs);
      await plan.step.run(stepContext(env, logs));
    }, plan.timeoutMs),
    env.signal,
  );
  const base = {
    index: plan.index,
    name: plan.step.name,
    soft: plan.step.soft,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    logs: logs.length > 0 ? logs : undefined,
  };
  if (outcome === 'aborted') {
    return { result: { ...base, status: 'failed', error: { message: 'interrupted: the run was aborted' } }, aborted: true };
  }
  return { result: { ...base, ...statusOf(outcome, plan) }, aborted: false };
}

function statusOf(outcome: Outcome, plan: StepPlan): Pick<StepResult, 'status' | 'error'> {
  switch (outcome.kind) {
    case 'ok':
      return { status: 'passed' };
    case 'error':
      return { status: 'failed', error: toErrorInfo(outcome.error) };
    case 'timeout':
      return { status: 'timedOut', error: { message: `${plan.limitedBy} timeout of ${plan.timeoutMs} ms exceeded in step "${plan.step.name}"` } };
  }
}

function needsPage(step: Step): boolean {
  return step.fixtures === undefined || step.fixtures.has('page');
}

function stepContext(env: StepEnvironment, logs: string[]): StepContext {
  const fixtures = env.resources.fixtures();
  const log = (level: string) => (message: string) => {
    logs.push(env.redactor.redact(`[${level}] ${message}`));
  };
  return {
    get page() { return fixtures.page; },
    get context() { return fixtures.context; },
    get request() { return fixtures.request; },
    params: env.params,
    expect,
    log: { info: log('info'), warn: log('warn') },
    secrets: env.secrets,
    target: env.target,
  };
}

async function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | 'aborted'> {
  if (signal === undefined) return work;
  if (signal.aborted) return 'aborted';
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}
