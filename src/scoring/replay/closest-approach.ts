import type { TierBlocker, TierDecision } from '../tier-evaluation.js';

/** The moment a tier came closest to firing without firing. */
export interface NearMiss {
  atMs: number;
  /** Long-window burn rate then. */
  burnRate: number;
  /** What kept the tier quiet then. */
  blockedBy: TierBlocker[];
}

/**
 * How close a tier that never fired came to firing, which is what users ask of a replay:
 * - `peak`: the highest long-window burn rate seen, and what blocked the tier then;
 * - `guardedMinutes` / `firstGuarded`: evaluations where both windows were above the
 *   threshold (plain MWMB would have fired) but a low-volume guard held the alert back.
 */
export interface ClosestApproach {
  peak: NearMiss | null;
  guardedMinutes: number;
  firstGuarded: NearMiss | null;
}

/** Follows one tier's decisions through a replay and keeps its closest approach. */
export class ClosestApproachTracker {
  private peak: NearMiss | null = null;
  private guardedMinutes = 0;
  private firstGuarded: NearMiss | null = null;

  observe(decision: TierDecision): void {
    if (decision.firing) return;
    const burn = decision.long.burnRate;
    if (burn !== null && (this.peak === null || burn > this.peak.burnRate)) {
      this.peak = { atMs: decision.atMs, burnRate: burn, blockedBy: decision.blockedBy };
    }
    if (!decision.windowsAboveThreshold) return;
    this.guardedMinutes += 1;
    this.firstGuarded ??= { atMs: decision.atMs, burnRate: burn ?? 0, blockedBy: decision.blockedBy };
  }

  result(): ClosestApproach {
    return { peak: this.peak, guardedMinutes: this.guardedMinutes, firstGuarded: this.firstGuarded };
  }
}
