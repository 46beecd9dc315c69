/**
 * Sample quantiles with R's default definition (`quantile(type = 7)`): linear interpolation
 * between order statistics, so a report's median and p95 match what an engineer gets in R.
 */

/** The p-quantile (0 ≤ p ≤ 1) of `sorted`, which must be sorted ascending and not empty. */
export function quantileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lowIndex = Math.floor(h);
  const low = sorted[lowIndex];
  if (low === undefined) throw new RangeError('quantile of an empty sample');
  const high = sorted[Math.min(lowIndex + 1, sorted.length - 1)] ?? low;
  return low + (h - lowIndex) * (high - low);
}

/** A sorted copy, ascending. */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The median (R's `median`, the same as quantile 0.5 of type 7). */
export function median(values: readonly number[]): number {
  return quantileOfSorted(sortedAscending(values), 0.5);
}
