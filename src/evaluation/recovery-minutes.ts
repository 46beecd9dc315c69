import { HOUR_MS, MINUTE_MS, MinuteSeriesBuilder, type ResolvedSlo, type WindowCounter } from '../scoring/index.js';
import type { MinuteStatesRow, ResultStore, RollupSeries } from '../store/index.js';
import { forEachLocationMinute, timesliceCounter } from './timeslice-states.js';

/**
 * The minute-by-minute counts the early-recovery test walks (see scoring/recovery-evidence.ts),
 * read from the hour rows' minute states. For a time-slice SLO: its slices, judged against the
 * quorum. Otherwise: one event per location and minute, bad when a probe
 * had no passing attempt or (for a latency SLI) its fastest pass was slower than the
 * threshold's bucket. Exact for probes that run at most once a minute per location; faster
 * ones count as one event a minute, which only makes recovery slower to show.
 */
export async function recoveryMinutes(
  store: Pick<ResultStore, 'rollups'>,
  slo: ResolvedSlo,
  series: readonly RollupSeries[],
  nowMs: number,
): Promise<WindowCounter> {
  const range = walkRange(slo, nowMs);
  const rows = await statesOf(store, series, range);
  if (slo.budgeting.method === 'timeslices') {
    // Slices judged against the quorum, every one of the walk's span (the day summaries cannot answer it).
    return timesliceCounter(rows, new Map(series.map((s) => [s.id, s])), slo.sli, slo.budgeting, range);
  }
  const builder = new MinuteSeriesBuilder(range);
  forEachLocationMinute(rows, slo.sli, (_series, minuteMs, failed) => builder.addCounts(minuteMs, 1, failed ? 1 : 0, 0));
  return builder.build();
}

/** The walk looks back over a tier's long window and tests each streak against the short window before it. */
function walkRange(slo: ResolvedSlo, nowMs: number): { fromMs: number; toMs: number } {
  const slice = slo.budgeting.method === 'timeslices' ? slo.budgeting.sliceMs : MINUTE_MS;
  const lookback = Math.max(...slo.tiers.map((t) => t.longWindowMs + t.shortWindowMs));
  return { fromMs: nowMs - lookback - slice, toMs: nowMs + 1 };
}

async function statesOf(store: Pick<ResultStore, 'rollups'>, series: readonly RollupSeries[], range: { fromMs: number; toMs: number }): Promise<MinuteStatesRow[]> {
  return store.rollups.minuteStates({ fromMs: Math.floor(range.fromMs / HOUR_MS) * HOUR_MS, toMs: range.toMs, seriesIds: series.map((s) => s.id) });
}
