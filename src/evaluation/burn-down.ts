import { DAY_MS, HOUR_MS, MINUTE_MS, type BudgetStatus, type WindowCounter } from '../scoring/index.js';
import type { RollupCoverage } from '../store/index.js';
import type { SegmentSums } from './window-counts.js';
import { planWindow, type WindowPlan } from './window-plan.js';

/** Share of the period's budget left at one instant of the period (1 = untouched, < 0 = overspent). */
export interface BurnDownPoint {
  atMs: number;
  remaining: number;
}

/** Periods at least this long are charted per day; shorter ones per hour. */
const DAILY_FROM_MS = 4 * DAY_MS;

/**
 * How the period is cut for its burn-down: from the period's start (as its plan reads it) to every
 * whole day (hour, for short periods) boundary inside it, then to the end. Each piece is planned
 * like any window, so whole days are read from day rows and the pieces add up to the period.
 */
export class BurnDownPlan {
  readonly pieces: WindowPlan[];
  /** The period's start as counted (the first point), whatever edge its plan had to round to. */
  private readonly startMs: number;

  constructor(
    readonly period: WindowPlan,
    periodMs: number,
    coverage: RollupCoverage,
  ) {
    this.startMs = period.toMs - Math.ceil(periodMs / MINUTE_MS) * MINUTE_MS;
    const step = periodMs >= DAILY_FROM_MS ? DAY_MS : HOUR_MS;
    const edges = [period.fromMs];
    for (let at = Math.floor(period.fromMs / step) * step + step; at < period.toMs; at += step) edges.push(at);
    edges.push(period.toMs);
    this.pieces = edges.slice(1).map((toMs, i) => planWindow({ fromMs: edges[i]!, toMs }, coverage));
  }

  /** Every plan to read: one per piece. */
  plans(): WindowPlan[] {
    return this.pieces;
  }

  /**
   * The burn-down of an occurrence SLO from the pieces' bad counts: the allowance is the whole
   * period's (B × events), the bad events those from the period's start to each point, so the last
   * point is the budget left at `nowMs`.
   */
  fromSums(sums: SegmentSums, seriesIds: readonly number[], cut: number, budget: BudgetStatus, nowMs: number): BurnDownPoint[] {
    const points: BurnDownPoint[] = [{ atMs: this.startMs, remaining: 1 }];
    let bad = 0;
    for (const [i, piece] of this.pieces.entries()) {
      bad += sums.counts(piece, seriesIds, cut).bad;
      points.push({ atMs: i === this.pieces.length - 1 ? nowMs : piece.toMs, remaining: remaining(bad, budget) });
    }
    return points;
  }

  /** The burn-down of a time-slice SLO, from its slice counter at the same instants. */
  fromCounter(counter: WindowCounter, budget: BudgetStatus, nowMs: number): BurnDownPoint[] {
    const points: BurnDownPoint[] = [{ atMs: this.startMs, remaining: 1 }];
    for (const { endMs, windowMs } of this.counterWindows(budget.periodMs, nowMs)) points.push({ atMs: endMs, remaining: remaining(counter.badIn(endMs, windowMs), budget) });
    return points;
  }

  /** The windows {@link fromCounter} reads: from the period's start to each piece's end, the last one the period ending at `nowMs`. */
  counterWindows(periodMs: number, nowMs: number): { endMs: number; windowMs: number }[] {
    return this.pieces.map((piece, i) => (i === this.pieces.length - 1 ? { endMs: nowMs, windowMs: periodMs } : { endMs: piece.toMs, windowMs: piece.toMs - this.startMs }));
  }
}

/** No events means no allowance and no bad events: nothing spent. */
function remaining(bad: number, budget: BudgetStatus): number {
  const allowed = budget.badEvents.allowed;
  return allowed > 0 ? 1 - bad / allowed : 1;
}
