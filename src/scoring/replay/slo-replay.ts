import { advanceAlert, type AlertState, type LifecycleOptions } from '../alert-lifecycle.js';
import type { Severity } from '../alert-tiers.js';
import { floorToMinute } from '../minute-rollup.js';
import type { SeriesRange } from '../prefix-sums.js';
import type { ResolvedSlo } from '../slo-definition.js';
import { evaluateSlo } from '../slo-evaluation.js';
import { seriesRangeFor, type SloSeries } from '../slo-series.js';
import type { TierDecision } from '../tier-evaluation.js';
import { HOUR_MS, MINUTE_MS } from '../time-units.js';
import { ClosestApproachTracker, type ClosestApproach } from './closest-approach.js';

/** The evaluation instants of a replay: every whole minute from `fromMs` to `toMs`, both included. */
export interface ReplayClock {
  fromMs: number;
  toMs: number;
}

/**
 * Every minute from the end of the first result's minute (when it first counts) to one hour
 * after the end of the last result's minute, so that alerts can resolve after the data ends.
 */
export function replayClock(span: { firstMs: number; lastMs: number }): ReplayClock {
  return { fromMs: floorToMinute(span.firstMs) + MINUTE_MS, toMs: floorToMinute(span.lastMs) + MINUTE_MS + HOUR_MS };
}

/** The range an SLO's series must cover to be evaluated at every instant of `clock`. */
export function replaySeriesRange(slo: ResolvedSlo, clock: ReplayClock): SeriesRange {
  return { fromMs: seriesRangeFor(slo, clock.fromMs).fromMs, toMs: clock.toMs };
}

/** An alert (one tier of one SLO) starting or stopping to fire. */
export interface AlertTransition {
  atMs: number;
  slo: string;
  journey: string;
  tier: string;
  /** Position of the tier in the SLO, to order transitions at one instant. */
  tierIndex: number;
  severity: Severity;
  state: 'firing' | 'resolved';
  /** The long window's burn rate at that moment. */
  burnRate: number;
  longWindowMs: number;
  /** The tier's burn factor f. */
  factor: number;
}

/** How one tier did over a replay. */
export interface TierReplay {
  tier: string;
  severity: Severity;
  factor: number;
  longWindowMs: number;
  /** Times it started firing. */
  firings: number;
  /** How close it came while not firing. */
  closest: ClosestApproach;
}

/** One SLO's replay: its transitions, and what the summary needs. */
export interface SloReplay {
  transitions: AlertTransition[];
  tiers: TierReplay[];
  /** Share of the budget consumed over the period ending at the last instant, and the most at any instant. */
  budget: { consumedAtEnd: number; peakConsumed: number; peakAtMs: number };
}

// A replay reports state changes; renotifications would only repeat them.
const NO_RENOTIFY: LifecycleOptions = { renotifyIntervalMs: null };

/**
 * Replays an SLO minute by minute through {@link evaluateSlo} and {@link advanceAlert}: the
 * same decisions and lifecycle as live alerting. Each instant is O(tiers): the series answers
 * every window from prefix sums, nothing is rescanned.
 */
export function replaySlo(slo: ResolvedSlo, series: SloSeries, clock: ReplayClock): SloReplay {
  const tiers = slo.tiers.map((tier, index) => new TierFollower(slo, index, tier.name));
  const budget = { consumedAtEnd: 0, peakConsumed: 0, peakAtMs: clock.fromMs };
  const transitions: AlertTransition[] = [];
  for (let nowMs = clock.fromMs; nowMs <= clock.toMs; nowMs += MINUTE_MS) {
    const evaluation = evaluateSlo(slo, series, nowMs);
    budget.consumedAtEnd = evaluation.budget.ratio.consumed;
    if (budget.consumedAtEnd > budget.peakConsumed) Object.assign(budget, { peakConsumed: budget.consumedAtEnd, peakAtMs: nowMs });
    evaluation.tiers.forEach((decision, i) => tiers[i]!.apply(decision, nowMs, transitions));
  }
  return { transitions, tiers: tiers.map((t) => t.result()), budget };
}

/** One tier's alert state and closest approach through a replay. */
class TierFollower {
  private state: AlertState | undefined;
  private firings = 0;
  private readonly closest = new ClosestApproachTracker();

  constructor(
    private readonly slo: ResolvedSlo,
    private readonly index: number,
    readonly name: string,
  ) {}

  apply(decision: TierDecision, nowMs: number, into: AlertTransition[]): void {
    this.closest.observe(decision);
    const step = advanceAlert(this.state, decision, nowMs, NO_RENOTIFY);
    this.state = step.state;
    for (const notification of step.notifications) {
      if (notification.kind === 'renotify') continue;
      if (notification.kind === 'trigger') this.firings += 1;
      into.push(this.transition(decision, notification.kind === 'trigger' ? 'firing' : 'resolved', nowMs));
    }
  }

  result(): TierReplay {
    const tier = this.slo.tiers[this.index]!;
    const { severity, factor, longWindowMs } = tier;
    return { tier: tier.name, severity, factor, longWindowMs, firings: this.firings, closest: this.closest.result() };
  }

  private transition(decision: TierDecision, state: AlertTransition['state'], atMs: number): AlertTransition {
    const tier = this.slo.tiers[this.index]!;
    return {
      atMs,
      slo: this.slo.name,
      journey: this.slo.journey,
      tier: tier.name,
      tierIndex: this.index,
      severity: tier.severity,
      state,
      burnRate: decision.long.burnRate ?? 0,
      longWindowMs: tier.longWindowMs,
      factor: tier.factor,
    };
  }
}
