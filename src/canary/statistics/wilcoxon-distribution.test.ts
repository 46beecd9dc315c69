import { describe, expect, it } from 'vitest';
import { wilcoxonDistribution } from './wilcoxon-distribution.js';

/** Independent reference: W for every way of choosing which m of the m + n ranks are x's. */
function enumeratedCounts(m: number, n: number): number[] {
  const counts = new Array<number>(m * n + 1).fill(0);
  const visit = (start: number, chosen: number[]): void => {
    if (chosen.length === m) {
      // W = rank sum of x − m(m+1)/2, with ranks 1..m+n.
      const w = chosen.reduce((sum, rank) => sum + rank, 0) - (m * (m + 1)) / 2;
      counts[w] = (counts[w] ?? 0) + 1;
      return;
    }
    for (let rank = start; rank <= m + n; rank++) visit(rank + 1, [...chosen, rank]);
  };
  visit(1, []);
  return counts;
}

describe('wilcoxonDistribution', () => {
  it.each([
    [1, 1],
    [3, 4],
    [5, 5],
    [6, 3],
  ])('has the enumerated distribution for m = %i, n = %i', (m, n) => {
    const counts = enumeratedCounts(m, n);
    const total = counts.reduce((sum, count) => sum + count, 0);
    const distribution = wilcoxonDistribution(m, n);
    let cumulative = 0;
    counts.forEach((count, w) => {
      cumulative += count;
      expect(distribution.cdf(w)).toBeCloseTo(cumulative / total, 14);
      expect(distribution.upperTail(w)).toBeCloseTo((total - cumulative + count) / total, 14);
    });
  });

  it('has P(W ≤ 2) = 4/252 and P(W ≤ 3) = 7/252 for 5 and 5 (counts 1, 1, 2, 3)', () => {
    const distribution = wilcoxonDistribution(5, 5);
    expect(distribution.cdf(2)).toBeCloseTo(4 / 252, 15);
    expect(distribution.cdf(3)).toBeCloseTo(7 / 252, 15);
  });

  it("quantile is R's qwilcox: the smallest q with P(W ≤ q) ≥ p", () => {
    const distribution = wilcoxonDistribution(5, 5);
    expect(distribution.quantile(0.025)).toBe(3);
    expect(distribution.quantile(4 / 252)).toBe(2);
    expect(distribution.quantile(0.001)).toBe(0);
    expect(distribution.quantile(0.5)).toBe(12);
  });

  it('keeps precision for tiny tails at 49 and 49', () => {
    const distribution = wilcoxonDistribution(49, 49);
    // P(W = 0) = 1 / C(98, 49), C computed exactly with BigInt.
    expect(distribution.cdf(0) * Number(choose(98, 49))).toBeCloseTo(1, 12);
    expect(distribution.upperTail(49 * 49)).toBeCloseTo(distribution.cdf(0), 40);
    expect(distribution.cdf(49 * 49)).toBeCloseTo(1, 12);
  });
});

function choose(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}
