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
  const failsAbove = MINUTE_STATE.firstBucketCode + cutOf(sli);
  const bad = MINUTE_STATE.bad.charCodeAt(0);
  const none = MINUTE_STATE.none.charCodeAt(0);
  // One object reused for every minute: the builder reads it and keeps nothing.
  const minute: MinuteRollup = { minute: 0, location: '', total: 1, good: 1, bad: 0, degraded: 0 };
  for (const row of rows) {
    const location = series.get(row.seriesId)?.location;
    if (location === undefined) continue;
    minute.location = location;
    for (let i = 0; i < row.states.length; i++) {
      const code = row.states.charCodeAt(i);
      if (code === none) continue;
      const failed = code === bad || code > failsAbove;
      minute.minute = row.startMs + i * MINUTE_MS;
      minute.bad = failed ? 1 : 0;
      minute.good = failed ? 0 : 1;
      builder.add(minute);
    }
  }
  return builder.build();
}
