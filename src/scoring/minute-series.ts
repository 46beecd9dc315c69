import { checkRollupCounts, type MinuteRollup } from './minute-rollup.js';
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
    checkRollupCounts(rollup);
    return this.addCounts(rollup.minute, rollup.total, rollup.bad, rollup.degraded);
  }

  /** Adds counts without a rollup object, for callers that read columns. */
  addCounts(minuteMs: number, total: number, bad: number, degraded: number): this {
    const totals = this.open();
    checkRollupCounts({ minute: minuteMs, total, bad, degraded });
    const i = bucketIndex(this.grid, minuteMs);
    if (i < 0) return this;
    totals[i + 1] = totals[i + 1]! + total;
    this.bad[i + 1] = this.bad[i + 1]! + bad;
    this.degraded[i + 1] = this.degraded[i + 1]! + degraded;
    return this;
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
