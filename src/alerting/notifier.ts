import type { AlertMessage } from './alert-message.js';

/**
 * How one delivery attempt ended:
 * - `success`: the receiver accepted it;
 * - `retryable`: it may pass later (5xx, 429, 408, a timeout, a refused connection); `retryInMs`
 *   when the receiver said when (Retry-After);
 * - `failure`: it will not pass as it is (another 4xx: a wrong key, a malformed payload).
 */
export type DeliveryResult =
  | { status: 'success' }
  | { status: 'retryable'; retryInMs?: number; error: string }
  | { status: 'failure'; error: string };

/** One notification to send: the outbox row's id (stable across retries) and the alert. */
export interface OutgoingNotification {
  /** Unique per notification × channel and the same on every retry: the receiver's idempotency key. */
  id: string;
  message: AlertMessage;
}

/**
 * Sends notifications to one receiver. Never throws: every outcome is a {@link DeliveryResult}.
 * The outbox owns retries; a notifier makes one attempt, bounded by its timeout.
 */
export interface Notifier {
  deliver(notification: OutgoingNotification): Promise<DeliveryResult>;
}
