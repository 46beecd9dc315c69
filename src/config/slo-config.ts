import type { Duration } from '../journey/index.js';
import type { SloMetadata } from '../scoring/index.js';

/**
 * What each run of the journey is judged on:
 * - `availability`: the run passed (every attempt failing makes it bad; passing on retry does not);
 * - `latency`: the run, or one `step`, passed within `threshold` (`'2s'` or milliseconds);
 * - `step-availability`: one step passed (runs that never reach it do not count).
 */
export type SliConfig =
  | { kind: 'availability' }
  | { kind: 'latency'; threshold: Duration; step?: string }
  | { kind: 'step-availability'; step: string };

/**
 * How the error budget is counted:
 * - `'occurrences'` (default): every run is an event;
 * - `'timeslices'`: every `slice` (default `'1m'`) with results is an event, bad when fewer than
 *   the `quorum` of the locations that ran in it succeeded (default `{ share: 0.5 }`).
 */
export type BudgetingConfig =
  | 'occurrences'
  | 'timeslices'
  | { method: 'occurrences' }
  | { method: 'timeslices'; slice?: Duration; quorum?: { share: number } | { count: number } };

/** Low-volume guards: a tier fires only on this much evidence in its long window. */
export interface GuardsConfig {
  /** Valid events (runs or slices) the long window must hold. Default `10`. */
  minEvents?: number;
  /** Bad events the long window must hold. Default `2`: one bad run never fires. */
  minBadEvents?: number;
  /** One-sided confidence of the Wilson guard (e.g. `0.95`); `null` turns it off. Default `0.95`. */
  wilsonConfidence?: number | null;
  /**
   * Early recovery: a firing tier stops once a streak of good runs (at least `minEvents`) would
   * have had less than `1 - recoveryConfidence` chance at the error ratio before it; after that,
   * only what came since can fire the tier again. `null` leaves the reset to the short window.
   * Default `0.999`.
   */
  recoveryConfidence?: number | null;
}

/**
 * A multiwindow burn-rate tier: fire when `budgetPercent` of the period's error budget would
 * be spent in `longWindow`. The burn factor is derived from the SLO window, never written.
 */
export interface AlertTierConfig {
  /** Part of the alert's dedup key. Default `<severity>-<longWindow>`, e.g. `page-1h`. */
  name?: string;
  severity: 'page' | 'ticket';
  /** Percent of the whole period's budget (2 means 2%). */
  budgetPercent: number;
  /** A whole number of minutes, at most the SLO window. */
  longWindow: Duration;
  /** Default `longWindow / 12`: it makes the alert reset soon after recovery. */
  shortWindow?: Duration;
  /** Overrides of the SLO's guards for this tier. */
  guards?: GuardsConfig;
}

/**
 * One SLO in `outpost.config.ts`: a Critical User Journey, the SLI its runs are judged on, an
 * objective over a rolling window, how the budget is counted, when to alert and, beside them,
 * the SLO document's metadata ({@link SloMetadata}: description, owner, runbookUrl…).
 */
export interface SloConfig extends SloMetadata {
  /** Unique among the SLOs; alerts and metrics carry it. */
  name: string;
  /** The journey whose runs feed the SLI (its `name`). */
  journey: string;
  sli: SliConfig;
  /** A percentage: `99.5` means 99.5% of events must be good. Ratios such as `0.995` are refused. */
  objective: number;
  /** Rolling period: `'28d'` (default), `'7d'`, `'30d'` or any whole number of minutes. */
  window?: Duration;
  /** Default `'occurrences'`. */
  budgeting?: BudgetingConfig;
  /** Default: page on 2% in 1h and 5% in 6h; ticket on 10% in 24h and 10% in 72h. */
  tiers?: AlertTierConfig[];
  /** Guards for every tier. */
  guards?: GuardsConfig;
}
