import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from './hodges-lehmann.js';
import { normalQuantile } from './normal-distribution.js';

// Canary and baseline of the worked example below: no ties, 5 values each.
const CANARY = [12, 15, 19, 24, 30];
const BASELINE = [10, 11, 13, 14, 16];
// Their 25 differences canary − baseline, sorted by hand:
// −4 −2 −1 −1 1 1 2 2 3 4 5 5 [6] 8 8 9 10 11 13 14 14 16 17 19 20

/**
 * Independent reference for the normal case: R's own algorithm, literally. W(d) ranks
 * c(x − d, y) with mid-ranks, standardises with the tie-corrected σ and continuity correction,
 * and each bound is the root of W(d) − z found by bisection (R uses uniroot) over
 * [min(x) − max(y), max(x) − min(y)], with R's end-point rules.
 */
function rStyleBound(x: readonly number[], y: readonly number[], zq: number): number {
  const m = x.length;
  const n = y.length;
  const standardised = (d: number): number => {
    const pooled = [...x.map((xi) => xi - d), ...y];
    const rank = (value: number): number =>
      pooled.filter((other) => other < value).length + (pooled.filter((other) => other === value).length + 1) / 2;
    const dz = x.reduce((sum, xi) => sum + rank(xi - d), 0) - (m * (m + 1)) / 2 - (m * n) / 2;
    const ties = [...new Set(pooled)].map((value) => pooled.filter((other) => other === value).length);
    const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0);
    const sigma = Math.sqrt(((m * n) / 12) * (m + n + 1 - tieTerm / ((m + n) * (m + n - 1))));
    return (dz - Math.sign(dz) * 0.5) / sigma;
  };
  let low = Math.min(...x) - Math.max(...y);
  let high = Math.max(...x) - Math.min(...y);
  if (standardised(low) - zq <= 0) return low;
  if (standardised(high) - zq >= 0) return high;
  for (let step = 0; step < 200 && high - low > 1e-9; step++) {
    const middle = (low + high) / 2;
    if (standardised(middle) - zq > 0) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

describe('hodgesLehmann', () => {
  it('takes the median of the pairwise differences as the estimate', () => {
    expect(hodgesLehmann(CANARY, BASELINE).estimate).toBe(6);
    // Even count: the mean of the two middle differences (R's median).
    expect(hodgesLehmann([10, 20], [1, 2]).estimate).toBe(13.5);
  });

  it('bounds the 95% interval by the 3rd and 23rd differences (qwilcox(0.025, 5, 5) = 3)', () => {
    // P(W ≤ 2) = 4/252 < 0.025 ≤ P(W ≤ 3) = 7/252, so qu = 3: D(3) = −1 and D(25 + 1 − 3) = D(23) = 17.
    const shift = hodgesLehmann(CANARY, BASELINE, { confidenceLevel: 0.95 });
    expect(shift.exact).toBe(true);
    expect([shift.lower, shift.upper]).toEqual([-1, 17]);
    expect(shift.achievedConfidenceLevel).toBeCloseTo(1 - 8 / 252, 14);
    expect(shift.reachesConfidenceLevel).toBe(true);
  });

  it('bounds the default 98% interval by the 2nd and 24th differences', () => {
    // P(W ≤ 1) = 2/252 < 0.01 ≤ P(W ≤ 2) = 4/252, so qu = 2: D(2) = −2 and D(24) = 19.
    const shift = hodgesLehmann(CANARY, BASELINE);
    expect(shift.confidenceLevel).toBe(0.98);
    expect([shift.lower, shift.upper]).toEqual([-2, 19]);
    expect(shift.achievedConfidenceLevel).toBeCloseTo(1 - 4 / 252, 14);
  });

  it('says when the samples are too small to reach the level (3 and 3 at 98%)', () => {
    // P(W = 0) = 1/20 ≥ 0.01: R raises qu from 0 to 1, giving the full range at 90%.
    const shift = hodgesLehmann([20, 21, 22], [10, 11, 12]);
    expect(shift.reachesConfidenceLevel).toBe(false);
    expect([shift.lower, shift.upper]).toEqual([8, 12]);
    expect(shift.achievedConfidenceLevel).toBeCloseTo(0.9, 14);
  });

  it("matches R's root-finding interval when values tie (airquality Ozone, 95%)", () => {
    const may = [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37];
    const august = [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85];
    const shift = hodgesLehmann(may, august, { confidenceLevel: 0.95 });
    const z = normalQuantile(0.975);
    expect(shift.exact).toBe(false);
    expect(shift.lower).toBeCloseTo(rStyleBound(may, august, z), 6);
    expect(shift.upper).toBeCloseTo(rStyleBound(may, august, -z), 6);
    expect(shift.lower).toBeLessThan(shift.estimate);
    expect(shift.upper).toBeGreaterThan(shift.estimate);
  });

  it.each([
    [[101, 103, 103, 110, 120, 125, 125], [99, 100, 100, 104, 108]],
    [[1, 5, 9, 24, 56, 21, 3, 7, 21, 4], [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5]],
  ])("matches R's root-finding interval on tied samples %o vs %o at 98%", (x, y) => {
    const shift = hodgesLehmann(x, y);
    const z = normalQuantile(0.99);
    expect(shift.lower).toBeCloseTo(rStyleBound(x, y, z), 6);
    expect(shift.upper).toBeCloseTo(rStyleBound(x, y, -z), 6);
  });

  it('clamps to the extreme differences when tied samples are too small, and says so', () => {
    const shift = hodgesLehmann([200, 200, 210], [100, 100]);
    expect(shift.exact).toBe(false);
    expect(shift.reachesConfidenceLevel).toBe(false);
    expect([shift.lower, shift.upper]).toEqual([100, 110]);
    expect(shift.achievedConfidenceLevel).toBeLessThan(0.98);
  });

  it('is shift-equivariant: adding 40 to the canary adds 40 to estimate and bounds', () => {
    const base = hodgesLehmann(CANARY, BASELINE);
    const moved = hodgesLehmann(CANARY.map((value) => value + 40), BASELINE);
    expect(moved.estimate).toBe(base.estimate + 40);
    expect([moved.lower, moved.upper]).toEqual([base.lower + 40, base.upper + 40]);
  });
});
