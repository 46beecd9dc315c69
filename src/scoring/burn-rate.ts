/**
 * Burn-rate arithmetic. A burn rate of 1 spends exactly the error budget over the SLO
 * period; 14.4 spends a 30-day budget in 50 hours.
 */

/** Share of bad events, weighted by event count; null when the window holds no events. */
export function errorRatio(bad: number, events: number): number | null {
  return events > 0 ? bad / events : null;
}

/** burn = errorRatio / B. */
export function burnRate(ratio: number, budget: number): number {
  return ratio / budget;
}

/** Share of the period's budget spent by burning at `burn` for `windowMs`: b·w/T. */
export function budgetShareSpent(burn: number, windowMs: number, periodMs: number): number {
  return (burn * windowMs) / periodMs;
}

/**
 * How long a tier takes to fire at a constant error ratio `ratio`, starting from a clean
 * window: t = f·B·w/e. Null when the ratio never exceeds the threshold f·B (not detected).
 * A 100% outage at 99.9% on the 1h tier with f = 14.4 is detected in 0.864 min.
 */
export function detectionTimeMs(factor: number, budget: number, windowMs: number, ratio: number): number | null {
  const threshold = factor * budget;
  if (!(ratio > threshold)) return null;
  return (threshold * windowMs) / ratio;
}
