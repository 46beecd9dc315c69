import { describe, expect, it } from 'vitest';
import { RollupError, rollUpRuns } from './minute-rollup.js';
import { MinuteSeriesBuilder, minuteSeriesFromColumns, SeriesBuilderError } from './minute-series.js';
import { at } from './probe-traffic.fixture.js';
import { MINUTE_MS } from './time-units.js';


describe('MinuteSeries', () => {
  it('sums the buckets that start before the window end, over all locations', () => {
    const builder = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(10) });
    for (let m = 0; m < 10; m++) {
      builder.add({ minute: at(m), location: 'eu', total: 2, good: 1, bad: 1, degraded: 0 });
      builder.add({ minute: at(m), location: 'us', total: 1, good: 0, bad: 0, degraded: 1 });
    }
    const series = builder.build();
    expect(series.eventsIn(at(10), 5 * MINUTE_MS)).toBe(15);
    expect(series.badIn(at(10), 5 * MINUTE_MS)).toBe(5);
    expect(series.degradedIn(at(10), 10 * MINUTE_MS)).toBe(10);
    // Mid-minute: the bucket in progress counts, the window still spans five buckets (5..9).
    expect(series.badIn(at(9) + 30_000, 5 * MINUTE_MS)).toBe(5);
    expect(series.eventsIn(at(3), 5 * MINUTE_MS)).toBe(9);
  });

  it('counts windows reaching outside the data as empty there', () => {
    const series = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(3) })
      .add({ minute: at(0), location: 'eu', total: 4, good: 3, bad: 1, degraded: 0 })
      .add({ minute: at(2), location: 'eu', total: 4, good: 4, bad: 0, degraded: 0 })
      .build();
    expect(series.eventsIn(at(3), 60 * MINUTE_MS)).toBe(8);
    expect(series.eventsIn(at(500), 5 * MINUTE_MS)).toBe(0);
    expect(series.eventsIn(at(-5), 5 * MINUTE_MS)).toBe(0);
  });

  it('floors rollups to the minute and ignores those outside the range', () => {
    const series = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(2) })
      .add({ minute: at(1) + 15_000, location: 'eu', total: 1, good: 0, bad: 1, degraded: 0 })
      .add({ minute: at(7), location: 'eu', total: 9, good: 0, bad: 9, degraded: 0 })
      .build();
    expect(series.badIn(at(2), MINUTE_MS)).toBe(1);
    expect(series.eventsIn(at(2), 60 * MINUTE_MS)).toBe(1);
  });

  it('weights windows by events: sparse data where the mean of ratios is wrong', () => {
    // One lone run failed at minute 0; 99 runs passed over minutes 5..9.
    const builder = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(10) });
    builder.add({ minute: at(0), location: 'eu', total: 1, good: 0, bad: 1, degraded: 0 });
    for (let m = 5; m < 10; m++) {
      const total = m === 9 ? 19 : 20;
      builder.add({ minute: at(m), location: 'eu', total, good: total, bad: 0, degraded: 0 });
    }
    const series = builder.build();
    const windowRatio = series.badIn(at(10), 10 * MINUTE_MS) / series.eventsIn(at(10), 10 * MINUTE_MS);
    const fiveMinuteRatios = [at(5), at(10)].map((end) => series.badIn(end, 5 * MINUTE_MS) / series.eventsIn(end, 5 * MINUTE_MS));
    const meanOfRatios = fiveMinuteRatios.reduce((a, b) => a + b, 0) / fiveMinuteRatios.length;
    expect(windowRatio).toBeCloseTo(0.01, 12);
    expect(meanOfRatios).toBeCloseTo(0.5, 12); // what averaging per-5m ratios would claim
  });

  it('refuses counts that do not add up', () => {
    const builder = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(1) });
    expect(() => builder.add({ minute: at(0), location: 'eu', total: 2, good: 2, bad: 1, degraded: 0 })).toThrow(RollupError);
    expect(() => builder.addCounts(at(0), 1, 2, 0)).toThrow(RollupError);
    expect(() => builder.addCounts(at(0), 1, -1, 0)).toThrow(RollupError);
  });

  it('cannot be added to once built', () => {
    const builder = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(1) });
    builder.build();
    expect(() => builder.addCounts(at(0), 1, 0, 0)).toThrow(SeriesBuilderError);
    expect(() => builder.build()).toThrow(SeriesBuilderError);
  });
});

describe('minuteSeriesFromColumns', () => {
  it('answers like the builder fed the same counts', () => {
    const total = [3, 3, 0, 3, 2, 3];
    const bad = [0, 2, 0, 3, 1, 0];
    const degraded = [1, 0, 0, 0, 1, 0];
    const fromColumns = minuteSeriesFromColumns({ startMs: at(0), total, bad, degraded });
    const builder = new MinuteSeriesBuilder({ fromMs: at(0), toMs: at(6) });
    total.forEach((t, i) => builder.addCounts(at(i), t, bad[i]!, degraded[i]!));
    const built = builder.build();
    for (let end = 0; end <= 7; end++) {
      for (const span of [1, 2, 5]) {
        const args = [at(end), span * MINUTE_MS] as const;
        expect([fromColumns.eventsIn(...args), fromColumns.badIn(...args), fromColumns.degradedIn(...args)]).toEqual([
          built.eventsIn(...args),
          built.badIn(...args),
          built.degradedIn(...args),
        ]);
      }
    }
    expect(fromColumns.badIn(at(5), 3 * MINUTE_MS)).toBe(4); // minutes 2, 3 and 4
  });

  it('refuses columns of different lengths or counts that do not add up', () => {
    expect(() => minuteSeriesFromColumns({ startMs: at(0), total: [1, 1], bad: [0], degraded: [0, 0] })).toThrow(RangeError);
    expect(() => minuteSeriesFromColumns({ startMs: at(0), total: [1], bad: [1], degraded: [1] })).toThrow(RollupError);
  });
});

describe('rollUpRuns', () => {
  it('counts classified runs per minute and location, leaving invalid ones out', () => {
    const rollups = rollUpRuns([
      { startedAtMs: at(0) + 1000, location: 'eu', outcome: 'good' },
      { startedAtMs: at(0) + 50_000, location: 'eu', outcome: 'bad' },
      { startedAtMs: at(0) + 2000, location: 'us', outcome: 'degraded' },
      { startedAtMs: at(1), location: 'eu', outcome: 'invalid' },
      { startedAtMs: at(1) + 1, location: 'eu', outcome: 'good' },
    ]);
    expect(rollups).toEqual([
      { minute: at(0), location: 'eu', total: 2, good: 1, bad: 1, degraded: 0 },
      { minute: at(0), location: 'us', total: 1, good: 0, bad: 0, degraded: 1 },
      { minute: at(1), location: 'eu', total: 1, good: 1, bad: 0, degraded: 0 },
    ]);
  });
});
