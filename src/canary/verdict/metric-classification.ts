/**
 * The rules that turn statistics into Pass / High / Low. They are deliberately small and
 * separate from the statistics so each edge (floor, tolerance, strictness) is testable on its own.
 */

/** The latency shift that must be exceeded: the relative tolerance or the floor, whichever is larger. */
export function latencyThresholdMs(baselineMedianMs: number, relativeTolerance: number, effectFloorMs: number): number {
  return Math.max(relativeTolerance * baselineMedianMs, effectFloorMs);
}

/**
 * High when the whole interval lies above +threshold (the canary is slower by more than
 * tolerated, with the interval's confidence); Low when it lies below −threshold; Pass otherwise.
 * The floor in the threshold keeps a significant but tiny shift (3 ms) from failing a deploy.
 */
export function classifyLatencyShift(interval: { lowerMs: number; upperMs: number }, thresholdMs: number): 'Pass' | 'High' | 'Low' {
  if (interval.lowerMs > thresholdMs) return 'High';
  if (interval.upperMs < -thresholdMs) return 'Low';
  return 'Pass';
}

export interface FailureComparison {
  /** One-sided Fisher p-value (canary failure rate greater). */
  pValue: number;
  baselineFailureRate: number;
  canaryFailureRate: number;
}

/**
 * High when the canary fails significantly more often (p < alpha) and by more than the floor:
 * with thousands of runs a 0.1-point increase is significant without mattering.
 * The test is one-sided, so a success ratio is never Low.
 */
export function classifySuccessRatio(comparison: FailureComparison, alpha: number, failureRateFloor: number): 'Pass' | 'High' {
  const increase = comparison.canaryFailureRate - comparison.baselineFailureRate;
  return comparison.pValue < alpha && increase > failureRateFloor ? 'High' : 'Pass';
}
