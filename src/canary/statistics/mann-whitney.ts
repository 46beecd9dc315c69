/**
 * The Wilcoxon rank-sum (Mann–Whitney) test of two samples x and y, as R's
 * `wilcox.test(x, y)` computes it (R ≤ 4.5): W = Σ ranks of x − m(m+1)/2, the number of pairs with
 * x > y plus half the tied pairs. Exact p-values when both samples have fewer than 50 values and
 * nothing ties; otherwise the normal approximation with tie correction and continuity correction.
 */
import { midranks } from './midranks.js';
import { normalCdf, normalUpperTail } from './normal-distribution.js';
import { EXACT_SAMPLE_LIMIT, wilcoxonDistribution } from './wilcoxon-distribution.js';

export interface RankTestOptions {
  /** Force or forbid the exact distribution; ties always force the normal approximation. */
  exact?: boolean;
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
}

/** p-values for the three alternatives; "greater" means x is shifted above y. */
export interface RankTestPValues {
  twoSided: number;
  greater: number;
  less: number;
}

export interface MannWhitneyResult {
  /** R's W: pairs with x > y, tied pairs counting one half. */
  statistic: number;
  exact: boolean;
  ties: boolean;
  /** R's method line, e.g. "Wilcoxon rank sum exact test". */
  method: string;
  pValues: RankTestPValues;
}

/** Tests whether x is shifted relative to y. Both samples must be non-empty. */
export function mannWhitneyTest(
  x: readonly number[],
  y: readonly number[],
  options: RankTestOptions = {},
): MannWhitneyResult {
  requireBothSamples(x, y);
  const m = x.length;
  const { ranks, tieTerm } = midranks([...x, ...y]);
  const statistic = ranks.slice(0, m).reduce((sum, rank) => sum + rank, 0) - (m * (m + 1)) / 2;
  const ties = tieTerm > 0;
  if (useExactDistribution(m, y.length, ties, options.exact)) {
    return { statistic, exact: true, ties, method: 'Wilcoxon rank sum exact test', pValues: exactPValues(statistic, m, y.length) };
  }
  const correct = options.correct ?? true;
  return {
    statistic,
    exact: false,
    ties,
    method: correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test',
    pValues: normalPValues(statistic, m, y.length, tieTerm, correct),
  };
}

/** Rank tests compare two samples; an empty one is a caller's bug, not a NoData result. */
export function requireBothSamples(x: readonly number[], y: readonly number[]): void {
  if (x.length === 0 || y.length === 0) throw new RangeError('both samples need at least one value');
}

/** R's rule for choosing the exact distribution; shared with the interval so both agree. */
export function useExactDistribution(m: number, n: number, ties: boolean, exact?: boolean): boolean {
  return (exact ?? (m < EXACT_SAMPLE_LIMIT && n < EXACT_SAMPLE_LIMIT)) && !ties;
}

/**
 * The standard deviation of W under the null, with the tie correction
 * σ² = mn/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))), N = m + n.
 */
export function rankSumSigma(m: number, n: number, tieTerm: number): number {
  const size = m + n;
  const tieShare = size > 1 ? tieTerm / (size * (size - 1)) : 0;
  return Math.sqrt(((m * n) / 12) * (size + 1 - tieShare));
}

function exactPValues(statistic: number, m: number, n: number): RankTestPValues {
  const distribution = wilcoxonDistribution(m, n);
  const greater = distribution.upperTail(statistic);
  const less = distribution.cdf(statistic);
  const twoSided = Math.min(1, 2 * (statistic > (m * n) / 2 ? greater : less));
  return { twoSided, greater, less };
}

function normalPValues(statistic: number, m: number, n: number, tieTerm: number, correct: boolean): RankTestPValues {
  const sigma = rankSumSigma(m, n, tieTerm);
  // Every value equal: no ordering, so no evidence either way (R would return NaN here).
  if (sigma === 0) return { twoSided: 1, greater: 1, less: 1 };
  const centred = statistic - (m * n) / 2;
  const standardised = (correction: number): number => (centred - (correct ? correction : 0)) / sigma;
  const z = standardised(Math.sign(centred) * 0.5);
  return {
    twoSided: Math.min(1, 2 * Math.min(normalCdf(z), normalUpperTail(z))),
    greater: normalUpperTail(standardised(0.5)),
    less: normalCdf(standardised(-0.5)),
  };
}
