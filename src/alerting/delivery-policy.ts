import type { DeliveryOutcome } from '../store/index.js';
import type { DeliveryResult } from './notifier.js';

/** How the outbox delivers: the timeout of one attempt, and when and how long it retries. */
export interface DeliveryPolicy {
  /** One attempt (connect, send, response). */
  timeoutMs: number;
  /** Wait before the first retry; it doubles with each failure. */
  initialBackoffMs: number;
  /** The longest wait between two attempts of our own choosing. */
  maxBackoffMs: number;
  /** The longest Retry-After honoured (a receiver asking for more is retried after this). */
  maxRetryAfterMs: number;
  /** A delivery still failing this long after it was enqueued is given up. */
  giveUpAfterMs: number;
}

export const DEFAULT_DELIVERY_POLICY: Readonly<DeliveryPolicy> = Object.freeze({
  timeoutMs: 10_000,
  initialBackoffMs: 5_000,
  maxBackoffMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
});

/**
 * The wait before the next attempt after `attempts` failed ones: exponential from
 * `initialBackoffMs`, capped, with "equal jitter" (between half and all of it) so that deliveries
 * failed by one outage do not all come back at the same instant. A receiver's Retry-After wins
 * (up to `maxRetryAfterMs`).
 */
export function retryDelayMs(attempts: number, policy: DeliveryPolicy, retryInMs: number | undefined, random: () => number = Math.random): number {
  if (retryInMs !== undefined) return Math.min(Math.max(0, retryInMs), policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** What a delivery becomes after an attempt ended with `result`. */
export function outcomeOf(
  result: DeliveryResult,
  delivery: { attempts: number; createdAtMs: number },
  nowMs: number,
  policy: DeliveryPolicy,
  random: () => number = Math.random,
): DeliveryOutcome {
  if (result.status === 'success') return { status: 'delivered', atMs: nowMs };
  const attempts = delivery.attempts + 1;
  if (result.status === 'failure') return { status: 'gave-up', atMs: nowMs, error: result.error };
  const nextAttemptAtMs = nowMs + retryDelayMs(attempts, policy, result.retryInMs, random);
  if (nextAttemptAtMs > delivery.createdAtMs + policy.giveUpAfterMs) {
    return { status: 'gave-up', atMs: nowMs, error: `${result.error} (gave up after ${attempts} attempts)` };
  }
  return { status: 'failed-retrying', atMs: nowMs, error: result.error, nextAttemptAtMs };
}
