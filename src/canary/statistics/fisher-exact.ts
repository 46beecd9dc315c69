/**
 * Fisher's exact test on a 2×2 table of run outcomes, one-sided: is the canary's failure rate
 * greater than the baseline's? Conditioning on the margins, the canary's failure count follows a
 * hypergeometric distribution; the p-value is its upper tail from the observed count on, as R's
 * `fisher.test(matrix(c(canaryFailed, baselineFailed, canaryPassed, baselinePassed), 2),
 * alternative = "greater")` computes it.
 */

/** Passed and failed run counts of one deployment. */
export interface RunCounts {
  passed: number;
  failed: number;
}

export const FISHER_METHOD = "Fisher's exact test (one-sided: canary failure rate greater)";

/** The one-sided p-value P(X ≥ canary.failed) under the null of equal failure rates. */
export function fisherExactGreater(baseline: RunCounts, canary: RunCounts): number {
  const canaryRuns = canary.passed + canary.failed;
  const totalFailed = baseline.failed + canary.failed;
  const total = canaryRuns + baseline.passed + baseline.failed;
  const low = Math.max(0, canaryRuns - (total - totalFailed));
  const high = Math.min(canaryRuns, totalFailed);
  const weights = hypergeometricWeights(low, high, totalFailed, canaryRuns, total);
  const all = weights.reduce((sum, weight) => sum + weight, 0);
  const upper = weights.reduce((sum, weight, offset) => (low + offset >= canary.failed ? sum + weight : sum), 0);
  return Math.min(1, upper / all);
}

/** Weights are rescaled by this factor when they grow past it, so thousands of runs stay finite. */
const RESCALE = 1e-200;

/**
 * P(X = x) up to a shared factor, for x = low..high, where X counts the failures among the
 * `draws` canary runs out of `total` runs of which `failures` failed. Built from the ratio
 * P(x+1)/P(x) = (failures−x)(draws−x) / ((x+1)(total−failures−draws+x+1)) in linear space:
 * for small tables every weight is an integer computed exactly, so a p-value of exactly 1/20
 * is 0.05 and not 0.0499…, and "p < alpha" decides as it does with R.
 */
function hypergeometricWeights(low: number, high: number, failures: number, draws: number, total: number): number[] {
  let weights = [1];
  let current = 1;
  for (let x = low; x < high; x++) {
    current = (current * (failures - x) * (draws - x)) / ((x + 1) * (total - failures - draws + x + 1));
    if (current > 1 / RESCALE) {
      weights = weights.map((weight) => weight * RESCALE);
      current *= RESCALE;
    }
    weights.push(current);
  }
  return weights;
}
