/**
 * One run of a journey with its confirmation retries: a failed attempt is retried right away,
 * and the run passes (as flaky) when a retry passes. Every attempt is kept, numbered from 1.
 */
import type { JourneyResult } from '../journey/index.js';

/** `flaky`: passed on a retry after failed attempts. `aborted`: the session was interrupted. */
export type RunOutcome = 'passed' | 'flaky' | 'failed' | 'aborted';

export interface ConfirmedRun {
  outcome: RunOutcome;
  /** In order; the attempt number is `result.attempt`. */
  attempts: JourneyResult[];
}

/**
 * Runs `attempt(1)`, then `attempt(2)` … while attempts fail, at most `retries` more times.
 * An aborted attempt is not retried.
 */
export async function runConfirmed(attempt: (n: number) => Promise<JourneyResult>, retries: number): Promise<ConfirmedRun> {
  const attempts: JourneyResult[] = [];
  for (let n = 1; n <= retries + 1; n++) {
    const result = await attempt(n);
    attempts.push(result);
    if (result.status === 'passed' || result.status === 'aborted') break;
  }
  return { outcome: outcomeOf(attempts), attempts };
}

function outcomeOf(attempts: readonly JourneyResult[]): RunOutcome {
  const last = attempts.at(-1);
  if (last?.status === 'aborted') return 'aborted';
  if (last?.status === 'passed') return attempts.length === 1 ? 'passed' : 'flaky';
  return 'failed';
}
