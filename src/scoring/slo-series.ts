import type { MinuteRollup } from './minute-rollup.js';
import { MinuteSeriesBuilder, type MinuteSeries, type WindowCounter } from './minute-series.js';
import type { SeriesRange } from './prefix-sums.js';
import type { ResolvedSlo } from './slo-definition.js';
import { TimesliceSeriesBuilder } from './timeslice-series.js';

/** Run counts over windows, with the runs that passed only on retry (shown, never charged). */
export interface RunCounter extends WindowCounter {
  degradedIn(endMs: number, windowMs: number): number;
}

/** Everything one SLO is evaluated from. */
export interface SloSeries {
  /** Runs, all locations summed: run totals and degraded runs (a MinuteSeries, or counts read from rollups). */
  runs: RunCounter;
  /** Counts in the budgeting unit: `runs` itself for occurrences, slices for timeslices. */
  budgeting: WindowCounter;
  /**
   * Bucket-by-bucket counts in the budgeting unit for the early-recovery test, which walks the
   * short window back a bucket at a time: `budgeting` itself when absent. `null` when the
   * caller cannot answer such windows yet; the test is then skipped (`recovery: null`).
   */
  recovery?: WindowCounter | null;
}

/** The range an evaluation at `nowMs` reads: the period or the longest tier window, whichever is longer. */
export function seriesRangeFor(slo: ResolvedSlo, nowMs: number): SeriesRange {
  const lookback = Math.max(slo.periodMs, ...slo.tiers.map((t) => t.longWindowMs));
  return { fromMs: nowMs - lookback, toMs: nowMs };
}

/**
 * Builds an SLO's series from its SLI's per-location minute rollups in one pass over them.
 * To evaluate at many instants (a simulation), pass a range that covers them all.
 */
export function buildSloSeries(slo: ResolvedSlo, rollups: Iterable<MinuteRollup>, range: SeriesRange): SloSeries {
  const runs = new MinuteSeriesBuilder(range);
  const budgeting = slo.budgeting;
  if (budgeting.method === 'occurrences') {
    for (const rollup of rollups) runs.add(rollup);
    const series = runs.build();
    return { runs: series, budgeting: series };
  }
  const slices = new TimesliceSeriesBuilder(range, budgeting);
  for (const rollup of rollups) {
    runs.add(rollup);
    slices.add(rollup);
  }
  return { runs: runs.build(), budgeting: slices.build() };
}
