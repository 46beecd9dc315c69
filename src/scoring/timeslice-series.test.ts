import { describe, expect, it } from 'vitest';
import { evaluateSlo } from './slo-evaluation.js';
import { buildSloSeries } from './slo-series.js';
import { resolveSlo, type Quorum } from './slo-definition.js';
import { isBadSlice, requiredSuccesses, TimesliceSeriesBuilder } from './timeslice-series.js';
import type { MinuteRollup } from './minute-rollup.js';
import { at } from './probe-traffic.fixture.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';


function run(minute: number, location: string, result: 'good' | 'bad' | 'degraded'): MinuteRollup {
  return { minute: at(minute), location, total: 1, good: result === 'good' ? 1 : 0, bad: result === 'bad' ? 1 : 0, degraded: result === 'degraded' ? 1 : 0 };
}

/** Minute 0: one of three fails. 1: two of three fail. 2: only eu reported, fine. 3: two reported, one failed. */
const rollups: MinuteRollup[] = [
  run(0, 'eu', 'bad'), run(0, 'us', 'good'), run(0, 'ap', 'good'),
  run(1, 'eu', 'bad'), run(1, 'us', 'bad'), run(1, 'ap', 'good'),
  run(2, 'eu', 'good'),
  run(3, 'eu', 'good'), run(3, 'us', 'bad'),
  run(4, 'eu', 'degraded'), run(4, 'us', 'degraded'), run(4, 'ap', 'good'),
];

function badSlices(quorum: Quorum, sliceMs = MINUTE_MS): number[] {
  const builder = new TimesliceSeriesBuilder({ fromMs: at(0), toMs: at(6) }, { sliceMs, quorum });
  for (const rollup of rollups) builder.add(rollup);
  const series = builder.build();
  const bad: number[] = [];
  for (let m = 0; m < 6; m += sliceMs / MINUTE_MS) if (series.badIn(at(m) + sliceMs, sliceMs) === 1) bad.push(m);
  return bad;
}

describe('time-slice quorum', () => {
  it('with a share: a slice is bad when fewer than half of the reporting locations succeeded', () => {
    expect(badSlices({ share: 0.5 })).toEqual([1]);
  });

  it('with a count: it is capped at the locations that reported, so silence is not failure', () => {
    // Minute 3: two reported, one succeeded, two required → bad. Minute 2: one reported → one required.
    expect(badSlices({ count: 2 })).toEqual([1, 3]);
  });

  it('with a share of 1: any failing location makes the slice bad', () => {
    expect(badSlices({ share: 1 })).toEqual([0, 1, 3]);
  });

  it('fails a location for the whole slice when one of its runs in it was bad', () => {
    // 5-minute slices: eu failed in minutes 0 and 1, us in 1 and 3; ap never. Quorum 2: 1 of 3 succeeded.
    expect(badSlices({ count: 2 }, 5 * MINUTE_MS)).toEqual([0]);
  });

  it('counts only slices in which some location reported', () => {
    const builder = new TimesliceSeriesBuilder({ fromMs: at(0), toMs: at(10) }, { sliceMs: MINUTE_MS, quorum: { share: 0.5 } });
    for (const rollup of rollups) builder.add(rollup);
    const series = builder.build();
    expect(series.eventsIn(at(10), 10 * MINUTE_MS)).toBe(5);
    expect(series.locations).toEqual(['eu', 'us', 'ap']);
  });

  it('rounds a share up to whole locations', () => {
    expect(requiredSuccesses(3, { share: 0.5 })).toBe(2);
    expect(requiredSuccesses(3, { share: 1 / 3 })).toBe(1);
    expect(requiredSuccesses(1, { count: 2 })).toBe(1);
    expect(isBadSlice(0, 0, { share: 1 })).toBe(false);
  });

  it('feeds the SLO budget in slices and minutes while run counts stay in runs', () => {
    const slo = resolveSlo({
      name: 'search',
      journey: 'search',
      sli: { kind: 'availability' },
      objective: 0.99,
      periodMs: 7 * DAY_MS,
      budgeting: { method: 'timeslices', quorum: { share: 0.5 } },
    });
    const series = buildSloSeries(slo, rollups, { fromMs: at(0), toMs: at(6) });
    const { budget } = evaluateSlo(slo, series, at(6));
    expect(budget.events).toBe(5);
    expect(budget.bad).toBe(1);
    expect(budget.minutes?.consumed).toBe(1);
    expect(budget.minutes?.allowed).toBeCloseTo(0.05, 12);
    expect(budget.degradedRuns).toBe(2);
    expect(series.runs.eventsIn(at(6), 6 * MINUTE_MS)).toBe(12);
  });
});
