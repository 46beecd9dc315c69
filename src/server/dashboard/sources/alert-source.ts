/**
 * What the dashboard reads about alerts. The alerting cycle keeps them in the store (state, episodes
 * and deliveries per channel); `outpost ui` reads whatever the store holds. Without alert channels
 * the board and the alerts page also derive "firing now" from the tier decisions.
 */

/** One notification of an alert to one channel, as the outbox last saw it. */
export interface DeliveryView {
  channel: string;
  /** trigger, renotify, resend or resolve. */
  kind: string;
  /** delivered, pending (queued or retrying), failed (given up). */
  status: string;
  attempts: number;
  createdAtMs: number;
  deliveredAtMs: number | null;
  lastError: string | null;
}

/** One thing that happened to an alert, for its timeline. */
export interface AlertEventView {
  atMs: number;
  /** fired, renotified, resolved, or a delivery outcome. */
  event: string;
  detail: string;
}

/** One firing episode of an alert (one tier of one SLO). */
export interface AlertView {
  id: string;
  slo: string;
  journey: string;
  tier: string;
  severity: string;
  status: 'firing' | 'resolved';
  firingSinceMs: number;
  resolvedAtMs: number | null;
  /** Long-window burn rate when it fired, and the highest seen since. */
  burnRate: number | null;
  peakBurnRate: number | null;
  /** Share of the budget left at the latest reading. */
  budgetRemaining: number | null;
  failingStep?: string;
  error?: string;
  runId?: string;
  deliveries: DeliveryView[];
  timeline: AlertEventView[];
}

/** The alert state per (SLO, tier) right now (the tier's severity comes from the SLO). */
export interface AlertStateView {
  slo: string;
  tier: string;
  status: 'inactive' | 'firing' | 'resolved';
  firingSinceMs: number | null;
}

export interface AlertSource {
  /** Firing alerts first (newest first), then resolved ones (newest first), at most `limit`. */
  alerts(query: { limit: number; slo?: string }): Promise<AlertView[]>;
  states(): Promise<AlertStateView[]>;
}
