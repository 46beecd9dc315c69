import { describe, expect, it } from 'vitest';
import { findRecoveryPoint, streakNeeded } from './recovery-evidence.js';
import { at, probeTraffic } from './probe-traffic.fixture.js';
import { MinuteSeriesBuilder } from './minute-series.js';
import { MINUTE_MS } from './time-units.js';

/** A series of one location at 1 run/min where `bad(minute)` says which minutes failed. */
function series(bad: (minute: number) => boolean) {
  const range = { fromMs: at(-120), toMs: at(60) };
  const builder = new MinuteSeriesBuilder(range);
  const relative = (ms: number) => (ms - at(0)) / MINUTE_MS;
  for (const rollup of probeTraffic({ ...range, locations: ['eu'], outcome: (ms) => (bad(relative(ms)) ? { bad: 1 } : {}) })) builder.add(rollup);
  return builder.build();
}

describe('streakNeeded', () => {
  it('is the streak with at most 1 - confidence chance at the error ratio', () => {
    // 0.9^66 = 0.00096 ≤ 0.001 < 0.9^65.
    expect(streakNeeded(0.999, 0.1)).toBe(66);
    expect(streakNeeded(0.999, 0.5)).toBe(10);
    expect(streakNeeded(0.999, 1)).toBe(1);
    expect(streakNeeded(0.999, 0)).toBe(Infinity);
  });
});

describe('findRecoveryPoint', () => {
  const outageThenClean = series((m) => m >= 0 && m < 10);

  it('finds none while the failures go on', () => {
    expect(findRecoveryPoint(outageThenClean, { nowMs: at(10), searchMs: 30 * MINUTE_MS, referenceMs: 30 * MINUTE_MS }, 0.999, 10)).toBeNull();
  });

  it('needs at least minStreak good runs even after a full outage', () => {
    const longOutage = series((m) => m >= 0 && m < 20);
    expect(findRecoveryPoint(longOutage, { nowMs: at(29), searchMs: 15 * MINUTE_MS, referenceMs: 15 * MINUTE_MS }, 0.999, 10)).toBeNull();
    // The 15 minutes before the streak all failed: one good run would do, but the floor is 10.
    expect(findRecoveryPoint(longOutage, { nowMs: at(30), searchMs: 15 * MINUTE_MS, referenceMs: 15 * MINUTE_MS }, 0.999, 10)).toMatchObject({ streak: 10, priorErrorRatio: 1, required: 10 });
  });

  it('tests the streak against the rate before it, which stays put as the window moves on', () => {
    // The 30 minutes before the streak held 10 bad of 30 runs: 18 good in a row are needed.
    expect(findRecoveryPoint(outageThenClean, { nowMs: at(27), searchMs: 30 * MINUTE_MS, referenceMs: 30 * MINUTE_MS }, 0.999, 10)).toBeNull();
    expect(findRecoveryPoint(outageThenClean, { nowMs: at(28), searchMs: 30 * MINUTE_MS, referenceMs: 30 * MINUTE_MS }, 0.999, 10)).toMatchObject({ streak: 18, priorErrorRatio: 1 / 3, required: 18, bad: 0, events: 18 });
    expect(findRecoveryPoint(outageThenClean, { nowMs: at(35), searchMs: 30 * MINUTE_MS, referenceMs: 30 * MINUTE_MS }, 0.999, 10)).toMatchObject({ streak: 25, required: 18 });
  });

  it('keeps the recovery point after a later failure and counts only the bad runs since it', () => {
    const flakeLater = series((m) => (m >= 0 && m < 10) || m === 30);
    const point = findRecoveryPoint(flakeLater, { nowMs: at(32), searchMs: 30 * MINUTE_MS, referenceMs: 30 * MINUTE_MS }, 0.999, 10);
    expect(point).toMatchObject({ streak: 20, bad: 1, events: 22 });
  });

  it('finds none for a 10% error rate, whose streaks are unremarkable', () => {
    const tenPercent = series((m) => m % 10 === 0);
    expect(findRecoveryPoint(tenPercent, { nowMs: at(9), searchMs: 60 * MINUTE_MS, referenceMs: 60 * MINUTE_MS }, 0.999, 10)).toBeNull();
  });
});
