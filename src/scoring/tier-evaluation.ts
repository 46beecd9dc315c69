import type { AlertTier, Severity } from './alert-tiers.js';
import { burnRate, errorRatio } from './burn-rate.js';
import { checkGuards, type GuardReport } from './low-volume-guards.js';
import type { EventUnit, WindowCounter } from './minute-series.js';
import { findRecoveryPoint, type RecoveryPoint } from './recovery-evidence.js';
import type { SloSeries } from './slo-series.js';

/** One window of a tier, read at the evaluation instant. */
export interface WindowReading {
  windowMs: number;
  /** Valid and bad events, in the budgeting unit. */
  events: number;
  bad: number;
  /** Null when the window holds no events. */
  errorRatio: number | null;
  burnRate: number | null;
  /** errorRatio > f·B. */
  aboveThreshold: boolean;
}

/** Why a tier does not fire; empty when it fires. */
export type TierBlocker =
  | 'no-data'
  | 'short-window-no-data'
  | 'long-window-below-threshold'
  | 'short-window-below-threshold'
  | 'too-few-events'
  | 'too-few-bad-events'
  | 'not-significant'
  | 'short-window-not-significant'
  | 'recovered';

/**
 * The decision for one tier, with everything that led to it, so that lint, simulate and the
 * dashboard can show why an alert fires or stays quiet.
 */
export interface TierDecision {
  slo: string;
  tier: string;
  severity: Severity;
  atMs: number;
  firing: boolean;
  /** What plain MWMB without low-volume guards would decide: both windows above f·B. */
  windowsAboveThreshold: boolean;
  factor: number;
  /** f·B, the error ratio both windows must exceed. */
  threshold: number;
  unit: EventUnit;
  long: WindowReading;
  short: WindowReading;
  /** Runs in the long window that passed only on retry: shown, never charged. */
  degradedRuns: number;
  guards: GuardReport;
  /**
   * The long window's latest recovery point (see recovery-evidence.ts), looked for only when
   * nothing else keeps the tier quiet; null when there is none or the test is off.
   */
  recovery: RecoveryPoint | null;
  blockedBy: TierBlocker[];
}

/**
 * Evaluates one MWMB tier at `nowMs`: it fires when both windows' error ratios exceed f·B, the
 * guards pass (minimum events and bad events in the long window; the Wilson lower bound above
 * f·B in the short window, and in the long one at low volume), and, if the long window holds a
 * recovery point, what came since it makes the case on its own (see recovery-evidence.ts).
 */
export function evaluateTier(
  slo: { name: string; budget: number },
  tier: AlertTier,
  series: SloSeries,
  nowMs: number,
): TierDecision {
  const long = readWindow(series.budgeting, nowMs, tier.longWindowMs, tier.threshold, slo.budget);
  const short = readWindow(series.budgeting, nowMs, tier.shortWindowMs, tier.threshold, slo.budget);
  const guards = checkGuards(tier.guards, long, short, tier.threshold);
  const blockedBy = blockers(long, short, guards);
  const recovery = blockedBy.length === 0 ? recoveryOf(tier, series, nowMs) : null;
  if (recovery !== null && !caseSince(tier, recovery, short)) blockedBy.push('recovered');
  return {
    slo: slo.name,
    tier: tier.name,
    severity: tier.severity,
    atMs: nowMs,
    firing: blockedBy.length === 0,
    windowsAboveThreshold: long.aboveThreshold && short.aboveThreshold,
    factor: tier.factor,
    threshold: tier.threshold,
    unit: series.budgeting.unit,
    long,
    short,
    degradedRuns: series.runs.degradedIn(nowMs, tier.longWindowMs),
    guards,
    recovery,
    blockedBy,
  };
}

/**
 * The latest recovery point in the long window. The bad events before it were an incident that is
 * over: the tier fires again only when what came since makes its case through the same guards,
 * the long window's as a rate since the recovery, the short window's as the bad events since it
 * within the whole short window. So a flake after a recovery does not re-fire it, nor do a few
 * flakes days after an incident that still fills a ticket tier's 72h window; a failure that comes
 * back does.
 */
function recoveryOf(tier: AlertTier, series: SloSeries, nowMs: number): RecoveryPoint | null {
  const confidence = tier.guards.recoveryConfidence;
  const counter = series.recovery === undefined ? series.budgeting : series.recovery;
  if (confidence === null || counter === null) return null;
  return findRecoveryPoint(counter, { nowMs, searchMs: tier.longWindowMs, referenceMs: tier.shortWindowMs }, confidence, tier.guards.minEvents);
}

function caseSince(tier: AlertTier, since: RecoveryPoint, short: WindowReading): boolean {
  const t = tier.threshold;
  // The long window's case rests on the rate since the recovery; the short window keeps its length.
  const longSince = { events: since.events, bad: since.bad };
  const shortSince = { events: short.events, bad: Math.min(short.bad, since.bad) };
  if (!(longSince.bad / longSince.events > t && shortSince.bad / shortSince.events > t)) return false;
  return checkGuards(tier.guards, longSince, shortSince, t).passed;
}

function readWindow(counter: WindowCounter, nowMs: number, windowMs: number, threshold: number, budget: number): WindowReading {
  const events = counter.eventsIn(nowMs, windowMs);
  const bad = counter.badIn(nowMs, windowMs);
  const ratio = errorRatio(bad, events);
  return {
    windowMs,
    events,
    bad,
    errorRatio: ratio,
    burnRate: ratio === null ? null : burnRate(ratio, budget),
    aboveThreshold: ratio !== null && ratio > threshold,
  };
}

function blockers(long: WindowReading, short: WindowReading, guards: GuardReport): TierBlocker[] {
  const found: TierBlocker[] = [];
  if (long.events === 0) found.push('no-data');
  else if (!long.aboveThreshold) found.push('long-window-below-threshold');
  if (short.events === 0) found.push('short-window-no-data');
  else if (!short.aboveThreshold) found.push('short-window-below-threshold');
  if (!guards.minEvents.passed) found.push('too-few-events');
  if (!guards.minBadEvents.passed) found.push('too-few-bad-events');
  if (!guards.wilson.passed) found.push('not-significant');
  if (!guards.shortWilson.passed && short.events > 0) found.push('short-window-not-significant');
  return found;
}
