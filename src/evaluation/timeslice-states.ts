import { MINUTE_MS, TimesliceSeriesBuilder, type Budgeting, type MinuteRollup, type SliSpec, type WindowCounter } from '../scoring/index.js';
import { MINUTE_STATE, type MinuteStatesRow, type RollupSeries } from '../store/index.js';
import { cutOf } from './window-counts.js';

/**
 * Builds an SLO's time-slice counter from the hour rows' minute states: each location's minute is
 * a failure when a probe had no passing attempt or (for a latency SLI) its fastest pass was slower
 * than the threshold's bucket. The scoring engine's builder then judges slices against the quorum.
 */
export function timesliceCounter(
  rows: readonly MinuteStatesRow[],
  series: ReadonlyMap<number, RollupSeries>,
  sli: SliSpec,
  budgeting: Extract<Budgeting, { method: 'timeslices' }>,
  range: { fromMs: number; toMs: number },
): WindowCounter {
  const builder = new TimesliceSeriesBuilder(range, budgeting);
  // One object reused for every minute: the builder reads it and keeps nothing.
  const minute: MinuteRollup = { minute: 0, location: '', total: 1, good: 1, bad: 0, degraded: 0 };
  forEachLocationMinute(rows, sli, (seriesId, minuteMs, failed) => {
    const location = series.get(seriesId)?.location;
    if (location === undefined) return;
    minute.location = location;
    minute.minute = minuteMs;
    minute.bad = failed ? 1 : 0;
    minute.good = failed ? 0 : 1;
    builder.add(minute);
  });
  return builder.build();
}

/**
 * Visits every location-minute with data in the hour rows' minute states: failed when a probe had
 * no passing attempt or (for a latency SLI) its fastest pass was slower than the threshold's bucket.
 */
export function forEachLocationMinute(
  rows: readonly MinuteStatesRow[],
  sli: SliSpec,
  visit: (seriesId: number, minuteMs: number, failed: boolean) => void,
): void {
  const failsAbove = MINUTE_STATE.firstBucketCode + cutOf(sli);
  const bad = MINUTE_STATE.bad.charCodeAt(0);
  const none = MINUTE_STATE.none.charCodeAt(0);
  for (const row of rows) {
    for (let i = 0; i < row.states.length; i++) {
      const code = row.states.charCodeAt(i);
      if (code !== none) visit(row.seriesId, row.startMs + i * MINUTE_MS, code === bad || code > failsAbove);
    }
  }
}
