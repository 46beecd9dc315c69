/**
 * The exact null distribution of the Wilcoxon rank-sum statistic W (the Mann–Whitney U of the
 * first sample) for m and n values without ties: R's dwilcox/pwilcox/qwilcox.
 */

/** The size limit below which R's `wilcox.test` uses the exact distribution (when nothing ties). */
export const EXACT_SAMPLE_LIMIT = 50;

export interface WilcoxonDistribution {
  m: number;
  n: number;
  /** P(W ≤ q). */
  cdf(q: number): number;
  /** P(W ≥ q), summed from the top so small upper tails keep their precision. */
  upperTail(q: number): number;
  /** The smallest q with P(W ≤ q) ≥ p, as R's qwilcox (including its 10·ε slack). */
  quantile(p: number): number;
}

/** The exact distribution of W for samples of sizes m and n. */
export function wilcoxonDistribution(m: number, n: number): WilcoxonDistribution {
  const counts = wilcoxonCounts(m, n);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const cdf = (q: number): number => sumCounts(counts, 0, Math.floor(q)) / total;
  return {
    m,
    n,
    cdf,
    upperTail: (q) => sumCounts(counts, Math.ceil(q), counts.length - 1) / total,
    quantile: (p) => smallestQuantile(counts, total, p),
  };
}

/**
 * counts[k] = the number of arrangements of m x's and n y's in which k (x, y) pairs have x > y.
 * Recurrence on the largest value: if it is an x it beats all j y's, otherwise it beats none,
 * so f(i, j, k) = f(i−1, j, k−j) + f(i, j−1, k). Only additions: the counts stay exact to
 * double precision, unlike the generating-function product, which cancels large terms.
 */
function wilcoxonCounts(m: number, n: number): Float64Array {
  // rows[i] holds f(i, j, ·) for the current j; j = 0 has a single arrangement with W = 0.
  const rows = Array.from({ length: m + 1 }, () => {
    const row = new Float64Array(m * n + 1);
    row[0] = 1;
    return row;
  });
  for (let j = 1; j <= n; j++) {
    for (let i = 1; i <= m; i++) {
      const shorter = rows[i - 1];
      const row = rows[i];
      if (!shorter || !row) continue;
      // row holds f(i, j−1, ·); shorter already holds f(i−1, j, ·).
      for (let k = i * j; k >= j; k--) row[k] = (row[k] ?? 0) + (shorter[k - j] ?? 0);
    }
  }
  return rows[m] ?? new Float64Array(1);
}

function sumCounts(counts: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let k = Math.max(0, from); k <= Math.min(to, counts.length - 1); k++) sum += counts[k] ?? 0;
  return sum;
}

function smallestQuantile(counts: Float64Array, total: number, p: number): number {
  // R's qwilcox lowers p by 10·DBL_EPSILON so that rounding in the running sum cannot skip a q.
  const target = p - 10 * Number.EPSILON;
  let cumulative = 0;
  for (let q = 0; q < counts.length; q++) {
    cumulative += (counts[q] ?? 0) / total;
    if (cumulative >= target) return q;
  }
  return counts.length - 1;
}
