import { describe, expect, it } from 'vitest';
import { LATENCY_BOUNDS_MS, LATENCY_BUCKETS, latencyBucket, latencyCut } from './latency-buckets.js';

describe('latency buckets', () => {
  it('puts a duration in the first bucket whose bound it does not exceed', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(25)).toBe(0);
    expect(latencyBucket(25.5)).toBe(1);
    expect(latencyBucket(3000)).toBe(LATENCY_BOUNDS_MS.indexOf(3000));
    expect(latencyBucket(3001)).toBe(LATENCY_BOUNDS_MS.indexOf(4000));
    expect(latencyBucket(10 * 60_000)).toBe(LATENCY_BUCKETS - 1);
  });

  it('holds every telemetry histogram bound, in increasing order', () => {
    for (const seconds of [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120]) expect(LATENCY_BOUNDS_MS).toContain(seconds * 1000);
    expect([...LATENCY_BOUNDS_MS].sort((a, b) => a - b)).toEqual(LATENCY_BOUNDS_MS);
  });

  it('reads a threshold on a bound exactly and rounds any other down', () => {
    expect(latencyCut(2000)).toEqual({ thresholdMs: 2000, boundMs: 2000, lastBucket: LATENCY_BOUNDS_MS.indexOf(2000), exact: true });
    expect(latencyCut(1800)).toEqual({ thresholdMs: 1800, boundMs: 1500, lastBucket: LATENCY_BOUNDS_MS.indexOf(1500), exact: false });
    expect(latencyCut(10)).toEqual({ thresholdMs: 10, boundMs: null, lastBucket: -1, exact: false });
    expect(latencyCut(600_000)).toMatchObject({ boundMs: 300_000, exact: false });
  });

  it('never counts a duration above the threshold as within it', () => {
    for (let ms = 0; ms < 400_000; ms += 37) {
      for (const threshold of [90, 1800, 2000, 7000, 250_000]) {
        const cut = latencyCut(threshold);
        if (latencyBucket(ms) <= cut.lastBucket) expect(ms).toBeLessThanOrEqual(threshold);
      }
    }
  });
});
