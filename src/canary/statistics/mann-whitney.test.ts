import { describe, expect, it } from 'vitest';
import { mannWhitneyTest } from './mann-whitney.js';

// Hollander & Wolfe (1973, p. 69f.), the two-sample example of R's ?wilcox.test: permeability
// at term (x) and at 12–26 weeks (y). No ties, 10 and 5 values.
const TERM = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const EARLY = [1.15, 0.88, 0.9, 0.74, 1.21];

// R's airquality, Ozone without NAs, May (Month 5) and August (Month 8): 26 values each, with ties.
const MAY = [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37];
const AUGUST = [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85];

/** Independent reference: the permutation p-value P(W ≥ observed) by enumerating every split. */
function permutationUpperTail(x: readonly number[], y: readonly number[]): number {
  const pooled = [...x, ...y];
  const w = (xs: readonly number[], ys: readonly number[]): number =>
    xs.reduce((sum, xi) => sum + ys.reduce((inner, yj) => inner + (xi > yj ? 1 : xi === yj ? 0.5 : 0), 0), 0);
  const observed = w(x, y);
  let atLeast = 0;
  let splits = 0;
  const visit = (start: number, chosen: number[]): void => {
    if (chosen.length === x.length) {
      const xs = chosen.map((index) => pooled[index] ?? 0);
      const ys = pooled.filter((_, index) => !chosen.includes(index));
      splits++;
      if (w(xs, ys) >= observed) atLeast++;
      return;
    }
    for (let index = start; index < pooled.length; index++) visit(index + 1, [...chosen, index]);
  };
  visit(0, []);
  return atLeast / splits;
}

describe('mannWhitneyTest', () => {
  it('matches R for the Hollander & Wolfe example: W = 35, one-sided p = 0.1272 (exact)', () => {
    // R docs: wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272.
    const result = mannWhitneyTest(TERM, EARLY);
    expect(result.statistic).toBe(35);
    expect(result.exact).toBe(true);
    expect(result.method).toBe('Wilcoxon rank sum exact test');
    expect(result.pValues.greater).toBeCloseTo(0.1272, 4);
    expect(result.pValues.twoSided).toBeCloseTo(2 * result.pValues.greater, 15);
  });

  it('matches R for the large-sample approximation without correction: p = 0.1103', () => {
    // R docs: wilcox.test(x, y, alternative = "greater", exact = FALSE, correct = FALSE): p = 0.1103.
    const result = mannWhitneyTest(TERM, EARLY, { exact: false, correct: false });
    expect(result.exact).toBe(false);
    expect(result.method).toBe('Wilcoxon rank sum test');
    expect(result.pValues.greater).toBeCloseTo(0.1103, 4);
  });

  it('agrees with a full permutation enumeration in the exact case', () => {
    const canary = [310, 295, 342, 330, 301, 356];
    const baseline = [280, 299, 305, 290, 288];
    const result = mannWhitneyTest(canary, baseline);
    expect(result.pValues.greater).toBeCloseTo(permutationUpperTail(canary, baseline), 14);
    expect(result.pValues.less).toBeCloseTo(permutationUpperTail(baseline, canary), 14);
  });

  it('gives 2/C(20, 10) for two completely separated samples of 10 (R docs: W = 0, p = 1.083e-05)', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const high = low.map((value) => value + 100);
    const result = mannWhitneyTest(low, high);
    expect(result.statistic).toBe(0);
    expect(result.pValues.twoSided).toBeCloseTo(2 / 184756, 15);
    expect(Number(result.pValues.twoSided.toPrecision(4))).toBe(1.083e-5);
  });

  it('uses the tie-corrected normal approximation with continuity correction when values tie', () => {
    // endmemo.com's wilcox.test example: W = 51.5, p-value = 0.5966, "with continuity correction".
    const result = mannWhitneyTest([1, 5, 9, 24, 56, 21, 3, 7, 21, 4], [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5]);
    expect(result.ties).toBe(true);
    expect(result.exact).toBe(false);
    expect(result.method).toBe('Wilcoxon rank sum test with continuity correction');
    expect(result.statistic).toBe(51.5);
    expect(result.pValues.twoSided).toBeCloseTo(0.5966, 4);
  });

  it('matches R for airquality Ozone, May vs August: W = 127.5, p = 0.0001208', () => {
    // R docs: wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in% c(5, 8)).
    const result = mannWhitneyTest(MAY, AUGUST);
    expect(result.statistic).toBe(127.5);
    expect(result.pValues.twoSided).toBeCloseTo(0.0001208, 7);
    expect(result.pValues.less).toBeLessThan(result.pValues.twoSided);
    expect(result.pValues.greater).toBeGreaterThan(0.99);
  });

  it('matches R when ties sit in only one sample: W = 0, p = 0.001364', () => {
    // endmemo.com's second example: the x above against c(1233, 4356, 987, 39999, 1111, 200000).
    const result = mannWhitneyTest([1, 5, 9, 24, 56, 21, 3, 7, 21, 4], [1233, 4356, 987, 39999, 1111, 200000]);
    expect(result.statistic).toBe(0);
    expect(result.pValues.twoSided).toBeCloseTo(0.001364, 6);
  });

  it('uses the normal approximation from 50 values on, as R does', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => i * 2);
    const result = mannWhitneyTest(fifty, [1, 3, 5]);
    expect(result.exact).toBe(false);
    expect(result.ties).toBe(false);
  });

  it('finds no evidence when every value is the same', () => {
    const result = mannWhitneyTest([100, 100, 100], [100, 100]);
    expect(result.pValues).toEqual({ twoSided: 1, greater: 1, less: 1 });
  });

  it('swaps the one-sided p-values when the samples swap', () => {
    const forward = mannWhitneyTest(MAY, AUGUST);
    const backward = mannWhitneyTest(AUGUST, MAY);
    expect(backward.statistic).toBe(26 * 26 - forward.statistic);
    expect(backward.pValues.greater).toBeCloseTo(forward.pValues.less, 15);
    expect(backward.pValues.twoSided).toBeCloseTo(forward.pValues.twoSided, 15);
  });

  it('refuses an empty sample', () => {
    expect(() => mannWhitneyTest([], [1])).toThrow(RangeError);
  });
});
