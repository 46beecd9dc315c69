import { runConfirmed, type ConfirmedRun } from '../runner/index.js';
import type { JourneyResult } from '../journey/index.js';

/** Confirmation retries of a failed run, and the wait before each. */
export interface RetryPolicy {
  /** Retries after a failed attempt (the config's `defaults.retries`). */
  retries: number;
  /** Wait before the first retry, in ms; 0 retries at once. */
  backoffMs: number;
  /** Each further retry waits this many times longer (default 2). */
  factor?: number;
  /** Cap on any single wait (default 60 s). */
  maxBackoffMs?: number;
}

/** How a slot's run ended. `degraded`: it failed, then passed on a retry (flaky); it counts as good. */
export type SlotOutcome = 'passed' | 'degraded' | 'failed' | 'aborted';

/** Waits `ms`, or less when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The wait before attempt `attempt` (2 is the first retry). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  if (attempt < 2 || policy.backoffMs <= 0) return 0;
  const delay = policy.backoffMs * (policy.factor ?? 2) ** (attempt - 2);
  return Math.min(delay, policy.maxBackoffMs ?? 60_000);
}

/** The longest a run with every retry can wait in backoff, for the slot lease. */
export function totalBackoffMs(policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 2; attempt <= policy.retries + 1; attempt++) total += retryDelayMs(policy, attempt);
  return total;
}

/**
 * Runs a slot with `runConfirmed` (the runner's confirmation semantics: a failed attempt is retried;
 * passing on a retry is flaky), waiting the policy's backoff before each retry. Once `stopRetrying`
 * aborts (serve is shutting down), no new attempt starts: the run keeps the attempts it made.
 */
export async function confirmWithBackoff(
  attempt: (n: number) => Promise<JourneyResult>,
  policy: RetryPolicy,
  options: { stopRetrying?: AbortSignal; sleep?: Sleep } = {},
): Promise<{ outcome: SlotOutcome; attempts: JourneyResult[]; retriesCancelled: boolean }> {
  const made: JourneyResult[] = [];
  const sleep = options.sleep ?? abortableSleep;
  let confirmed: ConfirmedRun;
  try {
    confirmed = await runConfirmed(async (n) => {
      if (n > 1) await sleep(retryDelayMs(policy, n), options.stopRetrying);
      if (n > 1 && options.stopRetrying?.aborted) throw new RetriesCancelled();
      const result = await attempt(n);
      made.push(result);
      return result;
    }, policy.retries);
  } catch (error) {
    if (!(error instanceof RetriesCancelled)) throw error;
    return { outcome: 'failed', attempts: made, retriesCancelled: true };
  }
  return { outcome: confirmed.outcome === 'flaky' ? 'degraded' : confirmed.outcome, attempts: confirmed.attempts, retriesCancelled: false };
}

/** Retries stopped because serve is shutting down (internal: never escapes confirmWithBackoff). */
class RetriesCancelled extends Error {
  constructor() {
    super('confirmation retries cancelled: shutting down');
    this.name = 'RetriesCancelled';
  }
}

/** setTimeout as a promise that resolves early on abort. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
