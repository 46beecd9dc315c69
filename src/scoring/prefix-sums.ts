/**
 * Prefix sums over a grid of equal time buckets. A window query is two array reads, which
 * keeps evaluating every window of an SLO O(windows) after one O(buckets) build.
 *
 * Layout: `prefix[i]` is the sum of buckets `[0, i)`, so `prefix` is one longer than the grid.
 */

/** The time range a series covers; buckets from the one holding `fromMs` to the last starting before `toMs`. */
export interface SeriesRange {
  fromMs: number;
  toMs: number;
}

/** A grid of `count` buckets of `bucketMs`, the first starting at `startMs` (aligned to the epoch). */
export interface BucketGrid {
  startMs: number;
  bucketMs: number;
  count: number;
}

/** The epoch-aligned grid that covers `range`. */
export function bucketGrid(range: SeriesRange, bucketMs: number): BucketGrid {
  const startMs = Math.floor(range.fromMs / bucketMs) * bucketMs;
  const count = Math.max(0, Math.ceil((range.toMs - startMs) / bucketMs));
  return { startMs, bucketMs, count };
}

/** Index of the bucket holding `ms`, or -1 outside the grid. */
export function bucketIndex(grid: BucketGrid, ms: number): number {
  const index = Math.floor((ms - grid.startMs) / grid.bucketMs);
  return index >= 0 && index < grid.count ? index : -1;
}

/** Turns per-bucket counts stored at `i + 1` into prefix sums, in place. */
export function accumulate(prefix: Float64Array): void {
  for (let i = 1; i < prefix.length; i++) prefix[i] = prefix[i]! + prefix[i - 1]!;
}

/**
 * The sum over the window of `windowMs` that ends at `endMs`: the `ceil(windowMs / bucketMs)`
 * buckets that start before `endMs` (so the bucket in progress counts). Parts of the window
 * outside the grid count as empty.
 */
export function windowSum(prefix: Float64Array, grid: BucketGrid, endMs: number, windowMs: number): number {
  const end = Math.ceil((endMs - grid.startMs) / grid.bucketMs);
  const span = Math.max(1, Math.ceil(windowMs / grid.bucketMs));
  const last = grid.count;
  const to = end < 0 ? 0 : end > last ? last : end;
  const fromRaw = end - span;
  const from = fromRaw < 0 ? 0 : fromRaw > last ? last : fromRaw;
  return prefix[to]! - prefix[from]!;
}
