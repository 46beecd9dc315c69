/**
 * The Hodges–Lehmann estimate of the shift of x relative to y (the median of all pairwise
 * differences x_i − y_j) and its confidence interval by inverting the rank-sum test (Moses;
 * Bauer 1972), as R's `wilcox.test(x, y, conf.int = TRUE)` computes them.
 */
import { midranks, tieTerm } from './midranks.js';
import { rankSumSigma, requireBothSamples, useExactDistribution, type RankTestOptions } from './mann-whitney.js';
import { normalQuantile, normalUpperTail } from './normal-distribution.js';
import { quantileOfSorted } from './sample-quantile.js';
import { wilcoxonDistribution } from './wilcoxon-distribution.js';

export interface ShiftIntervalOptions extends RankTestOptions {
  /** Two-sided confidence level of the interval (default 0.98). */
  confidenceLevel?: number;
}

export interface ShiftEstimate {
  /** Median of the pairwise differences x_i − y_j. */
  estimate: number;
  lower: number;
  upper: number;
  /** The level asked for. */
  confidenceLevel: number;
  /**
   * The level the interval really has: at least the one asked for with the exact distribution;
   * lower when the samples are too small to reach it (then `reachesConfidenceLevel` is false).
   */
  achievedConfidenceLevel: number;
  /** False when even a complete separation of the samples could not reach the level asked for. */
  reachesConfidenceLevel: boolean;
  exact: boolean;
}

/** The shift of x relative to y with its two-sided interval. Both samples must be non-empty. */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  options: ShiftIntervalOptions = {},
): ShiftEstimate {
  requireBothSamples(x, y);
  const confidenceLevel = options.confidenceLevel ?? 0.98;
  const differences = x.flatMap((xi) => y.map((yj) => xi - yj)).sort((a, b) => a - b);
  const estimate = quantileOfSorted(differences, 0.5);
  const ties = midranks([...x, ...y]).tieTerm > 0;
  const bounds = useExactDistribution(x.length, y.length, ties, options.exact)
    ? exactBounds(differences, x.length, y.length, confidenceLevel)
    : normalBounds(differences, x.length, y.length, tieTerm(x) + tieTerm(y), confidenceLevel, options.correct ?? true);
  return { estimate, confidenceLevel, ...bounds };
}

type Bounds = Omit<ShiftEstimate, 'estimate' | 'confidenceLevel'>;

/**
 * Exact case: the bounds are order statistics of the differences, D(qu) and D(mn + 1 − qu),
 * with qu = qwilcox(α/2). R raises qu to 1 when even W = 0 is not rare enough; we do the same
 * and report that the level was not reached.
 */
function exactBounds(differences: readonly number[], m: number, n: number, confidenceLevel: number): Bounds {
  const alpha = 1 - confidenceLevel;
  const distribution = wilcoxonDistribution(m, n);
  const rawQu = distribution.quantile(alpha / 2);
  const qu = Math.max(rawQu, 1);
  return {
    lower: orderStatistic(differences, qu),
    upper: orderStatistic(differences, m * n + 1 - qu),
    achievedConfidenceLevel: 1 - 2 * distribution.cdf(qu - 1),
    reachesConfidenceLevel: rawQu >= 1,
    exact: true,
  };
}

/**
 * Normal case. R finds each bound with uniroot on d ↦ standardised W(x − d, y) − z. That function
 * is a step function of d that only jumps at a pairwise difference, and between two consecutive
 * differences it is constant: W is the count of differences above d, and x − d ties y nowhere, so
 * only the ties within x and within y enter σ. The root R converges to (within its 1e-4 tolerance)
 * is therefore the difference at which the step crosses zero; we find that difference exactly.
 */
function normalBounds(
  differences: readonly number[],
  m: number,
  n: number,
  withinTieTerm: number,
  confidenceLevel: number,
  correct: boolean,
): Bounds {
  const pairs = differences.length;
  const sigma = rankSumSigma(m, n, withinTieTerm);
  // Standardised W when `atOrBelow` differences are ≤ d, continuity-corrected as R does.
  const standardised = (atOrBelow: number): number => {
    const centred = pairs - atOrBelow - pairs / 2;
    return (centred - (correct ? Math.sign(centred) * 0.5 : 0)) / sigma;
  };
  const z = normalQuantile(1 - (1 - confidenceLevel) / 2);
  const root = (quantile: number): number => {
    const crossing = firstAtOrBelow(pairs, (i) => standardised(i) <= quantile);
    return orderStatistic(differences, Math.min(Math.max(crossing, 1), pairs));
  };
  const extreme = standardised(0);
  const reachesConfidenceLevel = extreme > z;
  return {
    lower: root(z),
    upper: root(-z),
    achievedConfidenceLevel: reachesConfidenceLevel ? confidenceLevel : 1 - 2 * normalUpperTail(extreme),
    reachesConfidenceLevel,
    exact: false,
  };
}

/** The smallest i in 0..count for which the monotone `holds` is true; count + 1 when none. */
function firstAtOrBelow(count: number, holds: (i: number) => boolean): number {
  let low = 0;
  let high = count + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (middle <= count && holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The k-th smallest (1-based) of sorted values. */
function orderStatistic(sorted: readonly number[], k: number): number {
  const value = sorted[k - 1];
  if (value === undefined) throw new RangeError(`order statistic ${k} of ${sorted.length}`);
  return value;
}
