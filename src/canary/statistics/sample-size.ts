/**
 * How many runs per side a comparison needs before it can detect the effect it is configured
 * for. Each answer is computed from the test itself (or, for latency, from the baseline's own
 * spread), so an INCONCLUSIVE verdict can say what to do instead of guessing.
 */
import { fisherExactGreater } from './fisher-exact.js';
import { normalQuantile } from './normal-distribution.js';
import { wilcoxonDistribution } from './wilcoxon-distribution.js';

/** Beyond this many runs per side we stop looking and call the effect undetectable. */
const RUNS_SEARCH_LIMIT = 100_000;

export interface FailureEffect {
  /** Significance level of the one-sided Fisher test. */
  alpha: number;
  /** The canary failure rate to detect against a clean baseline (1 = total outage). */
  canaryFailureRate: number;
  /** The failure-rate increase that must be exceeded besides significance. */
  rateFloor: number;
}

/**
 * Whether Fisher's test could flag the effect at these sample sizes at all: the best case is a
 * baseline with no failure and a canary failing at the configured rate (rounded down to whole runs).
 */
export function fisherCanDetect(baselineRuns: number, canaryRuns: number, effect: FailureEffect): boolean {
  if (baselineRuns === 0 || canaryRuns === 0) return false;
  const canaryFailed = Math.floor(effect.canaryFailureRate * canaryRuns);
  if (canaryFailed / canaryRuns <= effect.rateFloor) return false;
  const pValue = fisherExactGreater(
    { passed: baselineRuns, failed: 0 },
    { passed: canaryRuns - canaryFailed, failed: canaryFailed },
  );
  return pValue < effect.alpha;
}

/** The smallest runs per side (≥ `minimum`) at which `fisherCanDetect` holds; null if never. */
export function fisherRunsNeeded(effect: FailureEffect, minimum = 1): number | null {
  if (effect.canaryFailureRate <= effect.rateFloor) return null;
  for (let runs = Math.max(1, minimum); runs <= RUNS_SEARCH_LIMIT; runs++) {
    if (fisherCanDetect(runs, runs, effect)) return runs;
  }
  return null;
}

/**
 * The smallest runs per side at which the rank-based interval can reach `confidenceLevel` at
 * all: with n per side the most extreme outcome (every canary run slower than every baseline run)
 * has probability 1/C(2n, n), which must be below (1 − level)/2.
 */
export function rankIntervalRunsNeeded(confidenceLevel: number): number {
  const halfAlpha = (1 - confidenceLevel) / 2;
  let runs = 1;
  while (wilcoxonDistribution(runs, runs).quantile(halfAlpha) < 1) runs++;
  return runs;
}

export interface ShiftEffect {
  /** The shift to detect, in the samples' unit. */
  shift: number;
  /** Two-sided confidence level of the interval the decision uses. */
  confidenceLevel: number;
  /** Probability of detecting the shift (e.g. 0.8). */
  power: number;
}

/**
 * Runs per side for the rank-sum test to detect `shift` with the given power, by Noether's
 * formula (JASA 82, 1987, 645–647) with equal group sizes:
 *   N = (z₁₋α/₂ + z_power)² / (3 · (p − ½)²),  per side ⌈N / 2⌉,
 * where p = P(X + shift > X′) for two independent baseline runs X, X′. p is estimated from the
 * baseline itself (all ordered pairs i ≠ j, ties counting ½), so no distribution is assumed.
 * Null when the baseline has fewer than two values or its spread hides the shift entirely.
 */
export function noetherRunsPerSide(baseline: readonly number[], effect: ShiftEffect): number | null {
  const p = shiftedExceedance(baseline, effect.shift);
  if (p === null || p <= 0.5) return null;
  const z = normalQuantile(1 - (1 - effect.confidenceLevel) / 2) + normalQuantile(effect.power);
  const total = (z * z) / (3 * (p - 0.5) ** 2);
  return Math.max(1, Math.ceil(total / 2));
}

function shiftedExceedance(values: readonly number[], shift: number): number | null {
  if (values.length < 2) return null;
  let favourable = 0;
  values.forEach((vi, i) => {
    values.forEach((vj, j) => {
      if (i === j) return;
      if (vi + shift > vj) favourable += 1;
      else if (vi + shift === vj) favourable += 0.5;
    });
  });
  return favourable / (values.length * (values.length - 1));
}
