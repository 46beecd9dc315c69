import type { BudgetStatus, ResolvedSlo, TierDecision } from '../../../scoring/index.js';

/** Share of the period's budget left at one instant of the period (1 = untouched, < 0 = overspent). */
export interface BurnDownPoint {
  atMs: number;
  remaining: number;
}

/** What the board shows of one SLO at `nowMs`: the scoring engine's budget and tier decisions, and the burn-down. */
export interface SloReading {
  slo: ResolvedSlo;
  budget: BudgetStatus;
  tiers: TierDecision[];
  /** From the start of the period to now, oldest first. */
  burnDown: BurnDownPoint[];
}

/** Where SLO readings come from, so the board does not care how they are computed. */
export interface SloSource {
  read(slos: readonly ResolvedSlo[], nowMs: number): Promise<SloReading[]>;
}

/** How many points a burn-down chart has over the period (plus now). */
export const BURN_DOWN_POINTS = 28;
