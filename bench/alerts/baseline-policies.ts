import { MINUTE_MS } from '../../src/scoring/time-units.js';
import { EpisodeRecorder, type AlertEpisode } from './alert-episodes.js';
import { BAD, NO_RUN, type ProbeGrid } from './probe-grid.js';

/**
 * The alerting rules of classic uptime tools, decided at each minute boundary on the runs
 * of the minute before (as the replay does), so that detection times compare.
 */

/** Fires while some location's last `n` runs all failed; resets on its next good run. */
export function consecutiveFailures(grid: ProbeGrid, slo: string, n: number): AlertEpisode[] {
  const streaks = new Array<number>(grid.locations.length).fill(0);
  const recorder = new EpisodeRecorder(slo);
  for (let m = 0; m < grid.minutes; m++) {
    grid.locations.forEach((cells, i) => {
      const cell = cells[m]!;
      if (cell !== NO_RUN) streaks[i] = cell === BAD ? streaks[i]! + 1 : 0;
    });
    recorder.record(grid.startMs + (m + 1) * MINUTE_MS, streaks.some((s) => s >= n));
  }
  return recorder.episodes;
}

/** Fires once at least `k` locations' latest runs have failed for `d` minutes in a row. */
export function locationsFailing(grid: ProbeGrid, slo: string, k: number, d: number): AlertEpisode[] {
  const failing = new Array<boolean>(grid.locations.length).fill(false);
  const recorder = new EpisodeRecorder(slo);
  let minutesFailing = 0;
  for (let m = 0; m < grid.minutes; m++) {
    grid.locations.forEach((cells, i) => {
      const cell = cells[m]!;
      if (cell !== NO_RUN) failing[i] = cell === BAD;
    });
    minutesFailing = failing.filter(Boolean).length >= k ? minutesFailing + 1 : 0;
    recorder.record(grid.startMs + (m + 1) * MINUTE_MS, minutesFailing >= d);
  }
  return recorder.episodes;
}
