import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-distribution.js';
import { fisherCanDetect, fisherRunsNeeded, noetherRunsPerSide, rankIntervalRunsNeeded } from './sample-size.js';

const OUTAGE = { alpha: 0.05, canaryFailureRate: 1, rateFloor: 0.01 };

describe('fisherRunsNeeded', () => {
  it('needs 4 runs per side to catch a total outage at alpha = 0.05', () => {
    // Best case p = 1 / C(2n, n): n = 3 gives 1/20 = 0.05 (not below), n = 4 gives 1/70.
    expect(fisherCanDetect(3, 3, OUTAGE)).toBe(false);
    expect(fisherCanDetect(4, 4, OUTAGE)).toBe(true);
    expect(fisherRunsNeeded(OUTAGE)).toBe(4);
  });

  it('never answers below the configured minimum', () => {
    expect(fisherRunsNeeded(OUTAGE, 10)).toBe(10);
  });

  it('needs more runs for a stricter alpha', () => {
    // 1/C(10, 5) = 1/252 ≈ 0.004 > 0.001; 1/C(12, 6) = 1/924 ≈ 0.0011 > 0.001; 1/C(14, 7) = 1/3432.
    expect(fisherRunsNeeded({ ...OUTAGE, alpha: 0.001 })).toBe(7);
  });

  it('needs more runs to catch a partial failure than a total outage', () => {
    const half = { ...OUTAGE, canaryFailureRate: 0.5 };
    const needed = fisherRunsNeeded(half);
    expect(needed).not.toBeNull();
    expect(needed ?? 0).toBeGreaterThan(4);
    // At the answer, failing floor(rate · n) canary runs against a clean baseline is significant; one run fewer is not.
    expect(fisherCanDetect(needed ?? 0, needed ?? 0, half)).toBe(true);
    expect(fisherCanDetect((needed ?? 0) - 1, (needed ?? 0) - 1, half)).toBe(false);
  });

  it('answers null when the effect does not exceed the floor', () => {
    expect(fisherRunsNeeded({ ...OUTAGE, canaryFailureRate: 0.01 })).toBeNull();
  });

  it('cannot detect anything without runs on a side', () => {
    expect(fisherCanDetect(0, 10, OUTAGE)).toBe(false);
  });
});

describe('rankIntervalRunsNeeded', () => {
  it('needs 5 per side for a 98% interval and 4 for 95%', () => {
    // 2 / C(2n, n) must be below 1 − level: 2/70 ≈ 0.029 > 0.02 but 2/252 ≈ 0.008; 2/20 = 0.1 > 0.05 but 2/70 < 0.05.
    expect(rankIntervalRunsNeeded(0.98)).toBe(5);
    expect(rankIntervalRunsNeeded(0.95)).toBe(4);
  });
});

describe('noetherRunsPerSide', () => {
  it("follows Noether's formula with p estimated from the baseline pairs", () => {
    // Baseline 0, 10, 20, 30 and a shift of 15: of the 12 ordered pairs (i ≠ j), b_i + 15 > b_j
    // holds 1 + 2 + 3 + 3 = 9 times, so p = 0.75. N = (z.99 + z.8)² / (3 · 0.25²), per side ⌈N/2⌉.
    const z = normalQuantile(0.99) + normalQuantile(0.8);
    const expected = Math.ceil((z * z) / (3 * 0.0625) / 2);
    expect(expected).toBe(27);
    expect(noetherRunsPerSide([0, 10, 20, 30], { shift: 15, confidenceLevel: 0.98, power: 0.8 })).toBe(expected);
  });

  it('needs fewer runs for a shift that is large against the spread', () => {
    const baseline = [100, 104, 98, 101, 97, 103, 99, 102];
    const small = noetherRunsPerSide(baseline, { shift: 2, confidenceLevel: 0.98, power: 0.8 }) ?? Infinity;
    const large = noetherRunsPerSide(baseline, { shift: 50, confidenceLevel: 0.98, power: 0.8 }) ?? Infinity;
    expect(large).toBeLessThan(small);
    // Every shifted run beats every other: p = 1, N = z² / 0.75.
    const z = normalQuantile(0.99) + normalQuantile(0.8);
    expect(large).toBe(Math.ceil((z * z) / 0.75 / 2));
  });

  it('needs more runs for more power', () => {
    const baseline = [100, 130, 90, 160, 120, 140, 110, 150];
    const effect = { shift: 25, confidenceLevel: 0.98 };
    const eighty = noetherRunsPerSide(baseline, { ...effect, power: 0.8 }) ?? 0;
    const ninetyFive = noetherRunsPerSide(baseline, { ...effect, power: 0.95 }) ?? 0;
    expect(ninetyFive).toBeGreaterThan(eighty);
  });

  it('answers null without a spread to estimate or when the spread hides the shift', () => {
    expect(noetherRunsPerSide([100], { shift: 50, confidenceLevel: 0.98, power: 0.8 })).toBeNull();
    // 0 + 50 > 100 fails and 100 + 50 > 0 holds: p = 1/2, no detectable effect.
    expect(noetherRunsPerSide([0, 100], { shift: 50, confidenceLevel: 0.98, power: 0.8 })).toBeNull();
  });
});
