/**
 * The fixed latency bucket bounds that rollups count durations in, so that a latency SLI can be
 * evaluated from counts alone, without the raw runs. Fine enough for the thresholds people write
 * (steps of 1, 1.5, 2, 2.5, 3, 4, 5, 6 and 7.5 per decade, from 25 ms to 5 min) and a superset of
 * the telemetry histogram bounds, so Prometheus rules and stored rollups agree.
 *
 * Bucket `i` holds durations in `(LATENCY_BOUNDS_MS[i - 1], LATENCY_BOUNDS_MS[i]]`; bucket 0 starts
 * at 0 and the last bucket (`LATENCY_BOUNDS_MS.length`) holds everything slower than 5 min.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = Object.freeze([
  25, 50, 100, 150, 200, 250, 300, 400, 500, 600, 750, 1_000, 1_250, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000,
  6_000, 7_500, 10_000, 15_000, 20_000, 25_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 300_000,
]);

/** How many buckets a rollup histogram has: one per bound, plus one for slower than the last. */
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

/** The bucket that holds a duration (negative durations count as 0). */
export function latencyBucket(durationMs: number): number {
  let low = 0;
  let high = LATENCY_BOUNDS_MS.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (durationMs <= LATENCY_BOUNDS_MS[mid]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * How a latency threshold is read from rollups: durations in buckets `0..lastBucket` count as
 * within it. A threshold that is not a bound is rounded **down** to the bound below it, so a run
 * between the two counts as too slow: the SLI can only come out lower than the truth, never hide
 * a slowdown. `lastBucket` is -1 when the threshold is below the first bound (nothing counts as
 * fast enough).
 */
export interface LatencyCut {
  thresholdMs: number;
  /** The bound actually used; null below the first bound. */
  boundMs: number | null;
  lastBucket: number;
  /** True when the threshold is a bound and rollups give the exact SLI. */
  exact: boolean;
}

/** The bucket cut for a latency threshold (see {@link LatencyCut}). */
export function latencyCut(thresholdMs: number): LatencyCut {
  let lastBucket = -1;
  for (let i = 0; i < LATENCY_BOUNDS_MS.length && LATENCY_BOUNDS_MS[i]! <= thresholdMs; i++) lastBucket = i;
  const boundMs = lastBucket < 0 ? null : LATENCY_BOUNDS_MS[lastBucket]!;
  return { thresholdMs, boundMs, lastBucket, exact: boundMs === thresholdMs };
}
