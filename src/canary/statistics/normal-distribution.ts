/**
 * The standard normal distribution, from stdlib (a port of the algorithms R uses), so that the
 * normal approximations here agree with R's pnorm/qnorm to double precision.
 */
import normal from '@stdlib/stats-base-dists-normal';

/** Φ(z): P(Z ≤ z). */
export function normalCdf(z: number): number {
  return normal.cdf(z, 0, 1);
}

/** P(Z > z), taken as Φ(−z) so that tiny upper tails keep their precision (R: `lower.tail = FALSE`). */
export function normalUpperTail(z: number): number {
  return normal.cdf(-z, 0, 1);
}

/** Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normal.quantile(p, 0, 1);
}
