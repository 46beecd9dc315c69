import type { AlertTier, Severity } from './alert-tiers.js';
import { detectionTimeMs } from './burn-rate.js';
import type { EventUnit } from './minute-series.js';
import type { Budgeting, ResolvedSlo } from './slo-definition.js';
import { requiredSuccesses } from './timeslice-series.js';
import { MINUTE_MS } from './time-units.js';
import { LOW_VOLUME_BAD_EVENTS } from './low-volume-guards.js';
import { wilsonLowerBound } from './wilson-interval.js';

/** The expected probe traffic of a journey. */
export interface ProbeRate {
  runsPerMinute: number;
  locations: number;
}

export type LintCode = 'single-bad-run-fires' | 'never-fires' | 'burn-below-one';

export interface LintWarning {
  code: LintCode;
  message: string;
}

/** What binds the number of bad events needed: the plain threshold, the short window, or a guard. */
export type FiringLimit = 'threshold' | 'short-window' | 'min-bad-events' | 'wilson' | 'short-window-wilson';

/** How much it takes for one tier to fire at the expected traffic. */
export interface TierLint {
  slo: string;
  tier: string;
  severity: Severity;
  factor: number;
  threshold: number;
  unit: EventUnit;
  longWindowMs: number;
  shortWindowMs: number;
  eventsInLongWindow: number;
  eventsInShortWindow: number;
  /** Bad events (in `unit`) within the long window, enough of them in the short one; null: never fires. */
  badEventsToFire: number | null;
  /** The same without the low-volume guards (plain MWMB). */
  badEventsToFireWithoutGuards: number | null;
  /** Bad runs behind `badEventsToFire` (for slices, one per failing location per slice). */
  badRunsToFire: number | null;
  limitedBy: FiringLimit | null;
  /** Minutes of full outage, from a clean window, until it fires. */
  minutesToFireAtFullOutage: number | null;
  /** t = f·B·w/e at e = 1, the continuous formula without guards. */
  detectionTimeAtFullOutageMs: number | null;
  /** After recovery the alert resets once the bad events leave the short window, at the latest. */
  resetWithinMs: number;
  /** After a full outage, early recovery resets it once `minEvents` good runs follow (at most the short window). */
  resetAfterFullOutageMs: number;
  warnings: LintWarning[];
}

/** Lints every tier of an SLO against the expected traffic. */
export function lintSlo(slo: ResolvedSlo, rate: ProbeRate): TierLint[] {
  return slo.tiers.map((tier) => lintTier(slo, tier, rate));
}

interface FiringNeed {
  needed: number | null;
  withoutGuards: number | null;
  limitedBy: FiringLimit | null;
  /** Why it can never fire, when it cannot. */
  never: string | null;
}

function lintTier(slo: ResolvedSlo, tier: AlertTier, rate: ProbeRate): TierLint {
  const perMinute = eventsPerMinute(slo.budgeting, rate);
  const eventsInLongWindow = eventsIn(perMinute, tier.longWindowMs);
  const eventsInShortWindow = eventsIn(perMinute, tier.shortWindowMs);
  const need = firingNeed(tier, eventsInLongWindow, eventsInShortWindow);
  const runsPerEvent = slo.budgeting.method === 'timeslices' ? failuresPerBadSlice(slo.budgeting, rate.locations) : 1;
  const badRunsToFire = need.needed === null ? null : need.needed * runsPerEvent;
  return {
    slo: slo.name,
    tier: tier.name,
    severity: tier.severity,
    factor: tier.factor,
    threshold: tier.threshold,
    unit: slo.budgeting.method === 'timeslices' ? 'slices' : 'runs',
    longWindowMs: tier.longWindowMs,
    shortWindowMs: tier.shortWindowMs,
    eventsInLongWindow,
    eventsInShortWindow,
    badEventsToFire: need.needed,
    badEventsToFireWithoutGuards: need.withoutGuards,
    badRunsToFire,
    limitedBy: need.limitedBy,
    minutesToFireAtFullOutage: need.needed === null ? null : Math.ceil(need.needed / perMinute - 1e-9),
    detectionTimeAtFullOutageMs: detectionTimeMs(tier.factor, slo.budget, tier.longWindowMs, 1),
    resetWithinMs: tier.shortWindowMs,
    resetAfterFullOutageMs: resetAfterFullOutage(tier, perMinute),
    warnings: warningsFor(tier, need, badRunsToFire),
  };
}

/** Budgeting events per minute: runs from every location, or one slice per slice length. */
function eventsPerMinute(budgeting: Budgeting, rate: ProbeRate): number {
  if (budgeting.method === 'occurrences') return rate.runsPerMinute * rate.locations;
  const sliceMinutes = budgeting.sliceMs / MINUTE_MS;
  // A slice is an event only when some location ran in it.
  return Math.min(1, rate.runsPerMinute * sliceMinutes) / sliceMinutes;
}

/** Events in the best-aligned window: a 5-minute window at one run per 10 minutes can hold one. */
function eventsIn(perMinute: number, windowMs: number): number {
  return Math.ceil(perMinute * (windowMs / MINUTE_MS) - 1e-9);
}

/** A slice turns bad when enough locations fail that fewer than the quorum succeed. */
function failuresPerBadSlice(budgeting: Budgeting & { method: 'timeslices' }, locations: number): number {
  return locations - requiredSuccesses(locations, budgeting.quorum) + 1;
}

function firingNeed(tier: AlertTier, nLong: number, nShort: number): FiringNeed {
  const t = tier.threshold;
  const long = smallestAbove(t, nLong);
  const short = smallestAbove(t, nShort);
  if (long === null || short === null) {
    return never(null, t >= 1 ? `its threshold f·B = ${round(t)} is not below 1` : 'a window holds too few events to exceed the threshold');
  }
  const withoutGuards = Math.max(long, short);
  const { minEvents, minBadEvents, wilsonConfidence } = tier.guards;
  if (nLong < minEvents) return never(withoutGuards, `the long window holds ${nLong} events, fewer than minEvents = ${minEvents}`);
  const lowVolume = t * nLong < LOW_VOLUME_BAD_EVENTS;
  const wilson = wilsonConfidence === null || !lowVolume ? 0 : smallestSignificant(t, nLong, wilsonConfidence);
  if (wilson === null) return never(withoutGuards, `even ${nLong} bad of ${nLong} events is not significant`);
  const shortWilson = wilsonConfidence === null ? 0 : smallestSignificant(t, nShort, wilsonConfidence);
  if (shortWilson === null) return never(withoutGuards, `even ${nShort} bad of the short window's ${nShort} events is not significant`);
  const limits: [FiringLimit, number][] = [
    ['threshold', long],
    ['short-window', short],
    ['min-bad-events', minBadEvents],
    ['wilson', wilson],
    ['short-window-wilson', shortWilson],
  ];
  const needed = Math.max(...limits.map(([, k]) => k));
  if (needed > nLong) return never(withoutGuards, `minBadEvents = ${needed} exceeds the ${nLong} events of the long window`);
  const limitedBy = limits.find(([, k]) => k === needed)?.[0] ?? 'threshold';
  return { needed, withoutGuards, limitedBy, never: null };
}

function resetAfterFullOutage(tier: AlertTier, perMinute: number): number {
  if (tier.guards.recoveryConfidence === null) return tier.shortWindowMs;
  const minutes = Math.ceil(Math.max(1, tier.guards.minEvents) / perMinute - 1e-9);
  return Math.min(tier.shortWindowMs, minutes * MINUTE_MS);
}

function never(withoutGuards: number | null, reason: string): FiringNeed {
  return { needed: null, withoutGuards, limitedBy: null, never: reason };
}

/** The smallest k ≥ 1 with k/n > t, or null when even k = n is not enough. */
function smallestAbove(t: number, n: number): number | null {
  if (n <= 0) return null;
  let k = Math.max(1, Math.floor(t * n));
  while (k / n <= t && k <= n) k++;
  while (k > 1 && (k - 1) / n > t) k--;
  return k <= n ? k : null;
}

/** The smallest k whose Wilson lower bound over n exceeds t (it grows with k: binary search). */
function smallestSignificant(t: number, n: number, confidence: number): number | null {
  if (!(wilsonLowerBound(n, n, confidence) > t)) return null;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (wilsonLowerBound(mid, n, confidence) > t) hi = mid;
    else lo = mid;
  }
  return hi;
}

function warningsFor(tier: AlertTier, need: FiringNeed, badRunsToFire: number | null): LintWarning[] {
  const warnings: LintWarning[] = [];
  const warn = (code: LintCode, message: string) => warnings.push({ code, message: `${tier.name} ${message}` });
  if (badRunsToFire === 1) {
    warn('single-bad-run-fires', 'fires on a single bad run; raise minBadEvents, add locations or retries, or lengthen the window');
  }
  if (need.never !== null) warn('never-fires', `can never fire at this rate: ${need.never}`);
  if (tier.factor < 1) {
    warn('burn-below-one', `fires at burn rate ${round(tier.factor)}, below the rate that spends the budget over the period`);
  }
  return warnings;
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
