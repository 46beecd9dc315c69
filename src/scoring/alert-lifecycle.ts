import type { Severity } from './alert-tiers.js';
import type { TierBlocker, TierDecision } from './tier-evaluation.js';
import { HOUR_MS } from './time-units.js';

/**
 * The lifecycle of one alert, per (SLO, tier): `inactive → firing → resolved → firing …`.
 * Pure: the caller persists the state and passes it back with each evaluation, so a restart
 * neither fires again nor forgets a firing alert.
 */
export type AlertStatus = 'inactive' | 'firing' | 'resolved';

/** What is persisted per (SLO, tier) between evaluations. */
export interface AlertState {
  dedupKey: string;
  slo: string;
  tier: string;
  status: AlertStatus;
  /** Start of the current (or last) firing episode. */
  firingSinceMs: number | null;
  /** End of the last episode; null while firing or before the first one. */
  resolvedAtMs: number | null;
  lastNotifiedAtMs: number | null;
  /** The latest evaluation applied; older ones are ignored. */
  lastEvaluatedAtMs: number | null;
}

export type NotificationKind = 'trigger' | 'renotify' | 'resolve';

/** A message for the notifiers, carrying the decision that caused it. */
export interface AlertNotification {
  kind: NotificationKind;
  dedupKey: string;
  slo: string;
  tier: string;
  severity: Severity;
  atMs: number;
  firingSinceMs: number;
  /** Set on `resolve`. */
  resolvedAtMs: number | null;
  decision: TierDecision;
}

export interface LifecycleOptions {
  /** Notify again while an alert keeps firing; null never does. */
  renotifyIntervalMs: number | null;
}

/** Re-notify every 4 hours, like Alertmanager's default `repeat_interval`. */
export const DEFAULT_LIFECYCLE_OPTIONS: Readonly<LifecycleOptions> = Object.freeze({ renotifyIntervalMs: 4 * HOUR_MS });

/** The new state, and what to send because of this step. */
export interface LifecycleStep {
  state: AlertState;
  notifications: AlertNotification[];
}

/** Thrown when a decision is applied to the state of another SLO or tier. */
export class AlertStateMismatchError extends Error {
  constructor(
    readonly state: { slo: string; tier: string },
    readonly decision: { slo: string; tier: string },
  ) {
    super(`alert state for ${state.slo}/${state.tier} cannot take a decision for ${decision.slo}/${decision.tier}`);
    this.name = 'AlertStateMismatchError';
  }
}

/** A stable key that identifies one alert across episodes, restarts and notifiers. */
export function alertDedupKey(slo: string, tier: string): string {
  return `outpost/slo/${encodeURIComponent(slo)}/${encodeURIComponent(tier)}`;
}

/** The state of an alert that has never fired. */
export function initialAlertState(slo: string, tier: string): AlertState {
  return {
    dedupKey: alertDedupKey(slo, tier),
    slo,
    tier,
    status: 'inactive',
    firingSinceMs: null,
    resolvedAtMs: null,
    lastNotifiedAtMs: null,
    lastEvaluatedAtMs: null,
  };
}

/**
 * Applies one tier decision at `nowMs` to the persisted state (undefined: never seen).
 * - not firing → firing: trigger.
 * - firing → firing: renotify once the interval has passed since the last notification.
 * - firing → not firing: resolve at once when the windows fall below f·B (the short window
 *   makes that fast) or the runs since the last failure show recovery. The evidence guards
 *   (minimum events, Wilson) only gate the trigger: a firing alert whose windows are still
 *   above f·B holds, so a ratio hovering at a guard's edge does not flap. A short window with
 *   no data holds it too: silence is no evidence of recovery.
 * - an evaluation older than the last one applied changes nothing (replays are harmless).
 */
export function advanceAlert(
  previous: AlertState | undefined,
  decision: TierDecision,
  nowMs: number,
  options: LifecycleOptions = DEFAULT_LIFECYCLE_OPTIONS,
): LifecycleStep {
  const state = previous ?? initialAlertState(decision.slo, decision.tier);
  if (state.slo !== decision.slo || state.tier !== decision.tier) throw new AlertStateMismatchError(state, decision);
  if (state.lastEvaluatedAtMs !== null && nowMs < state.lastEvaluatedAtMs) return { state, notifications: [] };
  const seen: AlertState = { ...state, lastEvaluatedAtMs: nowMs };
  if (state.status !== 'firing') return decision.firing ? trigger(seen, decision, nowMs) : { state: seen, notifications: [] };
  if (decision.firing || stillBurning(decision)) return renotifyIfDue(seen, decision, nowMs, options);
  return resolve(seen, decision, nowMs);
}

function trigger(state: AlertState, decision: TierDecision, nowMs: number): LifecycleStep {
  const next: AlertState = { ...state, status: 'firing', firingSinceMs: nowMs, resolvedAtMs: null, lastNotifiedAtMs: nowMs };
  return { state: next, notifications: [notification('trigger', next, decision, nowMs)] };
}

function renotifyIfDue(state: AlertState, decision: TierDecision, nowMs: number, options: LifecycleOptions): LifecycleStep {
  const interval = options.renotifyIntervalMs;
  const last = state.lastNotifiedAtMs ?? state.firingSinceMs ?? nowMs;
  if (interval === null || nowMs - last < interval) return { state, notifications: [] };
  const next: AlertState = { ...state, lastNotifiedAtMs: nowMs };
  return { state: next, notifications: [notification('renotify', next, decision, nowMs)] };
}

function resolve(state: AlertState, decision: TierDecision, nowMs: number): LifecycleStep {
  const next: AlertState = { ...state, status: 'resolved', resolvedAtMs: nowMs, lastNotifiedAtMs: nowMs };
  return { state: next, notifications: [notification('resolve', next, decision, nowMs)] };
}

/** Blockers that end a firing alert; the others only keep a quiet one from triggering. */
const RESETS: ReadonlySet<TierBlocker> = new Set(['long-window-below-threshold', 'short-window-below-threshold', 'recovered']);

function stillBurning(decision: TierDecision): boolean {
  const lacksData = decision.blockedBy.includes('no-data') || decision.blockedBy.includes('short-window-no-data');
  return lacksData || !decision.blockedBy.some((blocker) => RESETS.has(blocker));
}

function notification(kind: NotificationKind, state: AlertState, decision: TierDecision, nowMs: number): AlertNotification {
  return {
    kind,
    dedupKey: state.dedupKey,
    slo: state.slo,
    tier: state.tier,
    severity: decision.severity,
    atMs: nowMs,
    firingSinceMs: state.firingSinceMs ?? nowMs,
    resolvedAtMs: state.resolvedAtMs,
    decision,
  };
}
