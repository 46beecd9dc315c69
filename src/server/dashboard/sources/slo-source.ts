import type { BurnDownPoint } from '../../../evaluation/index.js';
import type { BudgetStatus, ResolvedSlo, TierDecision } from '../../../scoring/index.js';

export type { BurnDownPoint };

/** What the board shows of one SLO: the scoring engine's budget and tier decisions, and the burn-down. */
export interface SloReading {
  slo: ResolvedSlo;
  budget: BudgetStatus;
  tiers: TierDecision[];
  /** Runs over the period that passed only on a retry (shown, never charged). */
  degradedRuns: number;
  /** From the start of the period to now, oldest first; the last point is the budget left now. */
  burnDown: BurnDownPoint[];
  /** False when a window's old edge was rounded to an hour or a day because finer rollups were deleted. */
  exact: boolean;
}

/** Where SLO readings come from, so the board does not care how they are computed. */
export interface SloSource {
  read(slos: readonly ResolvedSlo[], nowMs: number): Promise<SloReading[]>;
}
