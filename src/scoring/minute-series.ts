import { checkRollup, countsAddUp, RollupError, type MinuteRollup } from './minute-rollup.js';
import { accumulate, bucketGrid, bucketIndex, windowSum, type BucketGrid, type SeriesRange } from './prefix-sums.js';
import { MINUTE_MS } from './time-units.js';

/** The unit an SLO's budget is counted in: runs (occurrences) or time slices. */
export type EventUnit = 'runs' | 'slices';

/**
 * Counts valid and bad events in a window ending at `endMs` (see {@link windowSum} for the
 * bucket rule). Counts are summed, so windows are weighted by events, never averaged ratios.
 */
export interface WindowCounter {
  readonly unit: EventUnit;
  readonly grid: BucketGrid;
  eventsIn(endMs: number, windowMs: number): number;
  badIn(endMs: number, windowMs: number): number;
}

/** Thrown when a builder is used after it has built its series. */
export class SeriesBuilderError extends Error {
  constructor(readonly builder: string) {
    super(`${builder} was already built; make a new builder`);
    this.name = 'SeriesBuilderError';
  }
}

/** Run counts of one SLI per minute, all locations summed, as prefix sums. */
export class MinuteSeries implements WindowCounter {
  readonly unit = 'runs';

  constructor(
    readonly grid: BucketGrid,
    private readonly total: Float64Array,
    private readonly bad: Float64Array,
    private readonly degraded: Float64Array,
  ) {}

  eventsIn(endMs: number, windowMs: number): number {
    return windowSum(this.total, this.grid, endMs, windowMs);
  }

  badIn(endMs: number, windowMs: number): number {
    return windowSum(this.bad, this.grid, endMs, windowMs);
  }

  /** Runs that passed only on retry. */
  degradedIn(endMs: number, windowMs: number): number {
    return windowSum(this.degraded, this.grid, endMs, windowMs);
  }
}

/**
 * Builds a {@link MinuteSeries} in one pass. Rollups outside the range are ignored; several
 * rollups for one minute (one per location) add up.
 */
export class MinuteSeriesBuilder {
  private readonly grid: BucketGrid;
  private total: Float64Array | null;
  private readonly bad: Float64Array;
  private readonly degraded: Float64Array;

  constructor(range: SeriesRange) {
    this.grid = bucketGrid(range, MINUTE_MS);
    this.total = new Float64Array(this.grid.count + 1);
    this.bad = new Float64Array(this.grid.count + 1);
    this.degraded = new Float64Array(this.grid.count + 1);
  }

  /** Adds one rollup; throws RollupError when its counts do not add up. */
  add(rollup: MinuteRollup): this {
    checkRollup(rollup);
    this.put(rollup.minute, rollup.total, rollup.bad, rollup.degraded);
    return this;
  }

  /** Adds counts without a rollup object, for callers that read columns. */
  addCounts(minuteMs: number, total: number, bad: number, degraded: number): this {
    const good = total - bad - degraded;
    if (!countsAddUp(total, good, bad, degraded)) throw new RollupError({ minute: minuteMs, total, good, bad, degraded });
    this.put(minuteMs, total, bad, degraded);
    return this;
  }

  private put(minuteMs: number, total: number, bad: number, degraded: number): void {
    const totals = this.open();
    const i = bucketIndex(this.grid, minuteMs) + 1;
    if (i === 0) return;
    totals[i] = totals[i]! + total;
    this.bad[i] = this.bad[i]! + bad;
    this.degraded[i] = this.degraded[i]! + degraded;
  }

  /** Turns the counts into prefix sums; the builder cannot be used afterwards. */
  build(): MinuteSeries {
    const totals = this.open();
    this.total = null;
    accumulate(totals);
    accumulate(this.bad);
    accumulate(this.degraded);
    return new MinuteSeries(this.grid, totals, this.bad, this.degraded);
  }

  private open(): Float64Array {
    if (this.total === null) throw new SeriesBuilderError('MinuteSeriesBuilder');
    return this.total;
  }
}

/** Per-minute counts as columns; index 0 is the minute that starts at `startMs`. */
export interface MinuteColumns {
  startMs: number;
  total: ArrayLike<number>;
  bad: ArrayLike<number>;
  degraded: ArrayLike<number>;
}

/**
 * Builds a series straight from per-minute columns, as a store query can fill them: no
 * rollup objects, one pass. The fastest way in for many SLOs.
 */
export function minuteSeriesFromColumns(columns: MinuteColumns): MinuteSeries {
  const count = columns.total.length;
  if (columns.bad.length !== count || columns.degraded.length !== count) {
    const lengths = `total ${count}, bad ${columns.bad.length}, degraded ${columns.degraded.length}`;
    throw new RangeError(`minute columns differ in length: ${lengths}`);
  }
  const grid = bucketGrid({ fromMs: columns.startMs, toMs: columns.startMs + count * MINUTE_MS }, MINUTE_MS);
  const total = new Float64Array(count + 1);
  const bad = new Float64Array(count + 1);
  const degraded = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) {
    const t = columns.total[i]!;
    const b = columns.bad[i]!;
    const d = columns.degraded[i]!;
    if (!countsAddUp(t, t - b - d, b, d)) {
      throw new RollupError({ minute: grid.startMs + i * MINUTE_MS, total: t, good: t - b - d, bad: b, degraded: d });
    }
    total[i + 1] = total[i]! + t;
    bad[i + 1] = bad[i]! + b;
    degraded[i + 1] = degraded[i]! + d;
  }
  return new MinuteSeries(grid, total, bad, degraded);
}
