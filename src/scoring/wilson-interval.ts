/**
 * Wilson score interval for a binomial proportion, and the standard normal quantile it needs.
 *
 * Written here rather than imported: both are a few lines, and no well-kept statistics
 * library is installed. The Wilson interval (without continuity correction) is what R's
 * `prop.test(x, n, correct = FALSE)` reports. Unlike the Wald interval it behaves well for
 * the small counts and near-zero error ratios that synthetic probes produce.
 */

/** Thrown when a probability or a count is out of range. */
export class StatisticsInputError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: number,
    readonly expected: string,
  ) {
    super(`${parameter} = ${value}: expected ${expected}`);
    this.name = 'StatisticsInputError';
  }
}

// Acklam's rational approximation of the inverse normal CDF (relative error < 1.15e-9),
// which is far tighter than any alerting decision needs.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (e.g. 0.95 → 1.6449). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new StatisticsInputError('p', p, 'a probability strictly between 0 and 1');
  if (p < P_LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  const num = (((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q;
  const den = ((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1;
  return num / den;
}

function tail(q: number): number {
  const num = ((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!;
  const den = (((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1;
  return num / den;
}

/** A two-sided interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * The two-sided Wilson score interval for `x` successes in `n` trials at `confidence`
 * (0.95 → z = 1.96). With n = 0 nothing is known and the interval is [0, 1].
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Interval {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { lower: wilsonBound(x, n, -z), upper: wilsonBound(x, n, z) };
}

/**
 * The one-sided Wilson lower bound: the proportion is above it with probability `confidence`
 * (0.95 → z = 1.645). This is the `alternative = "greater"` bound of R's `prop.test`.
 */
export function wilsonLowerBound(x: number, n: number, confidence = 0.95): number {
  return wilsonBound(x, n, -normalQuantile(confidence));
}

/** Lower bound for a negative z, upper bound for a positive one. */
function wilsonBound(x: number, n: number, z: number): number {
  checkCounts(x, n);
  if (n === 0) return z < 0 ? 0 : 1;
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const bound = (centre + spread) / (1 + z2 / n);
  // The exact bound at x = 0 (lower) or x = n (upper) is the end point; rounding can miss it.
  return Math.min(1, Math.max(0, z < 0 && x === 0 ? 0 : z > 0 && x === n ? 1 : bound));
}

function checkCounts(x: number, n: number): void {
  if (!(n >= 0) || !Number.isFinite(n)) throw new StatisticsInputError('n', n, 'a finite count ≥ 0');
  if (!(x >= 0 && x <= n)) throw new StatisticsInputError('x', x, `a count between 0 and n = ${n}`);
}
