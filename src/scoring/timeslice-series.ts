import { checkRollup, type MinuteRollup } from './minute-rollup.js';
import { SeriesBuilderError, type WindowCounter } from './minute-series.js';
import { accumulate, bucketGrid, bucketIndex, windowSum, type BucketGrid, type SeriesRange } from './prefix-sums.js';
import type { Quorum } from './slo-definition.js';

/**
 * Time-slice budgeting: each slice is one event, bad when too few of the locations that
 * reported in it succeeded. A location succeeds in a slice when it ran and none of its runs
 * there was bad (degraded runs still succeed). Slices where no location reported are not
 * events at all: missing data is not a failure.
 */
export class TimesliceSeries implements WindowCounter {
  readonly unit = 'slices';

  constructor(
    readonly grid: BucketGrid,
    private readonly valid: Float64Array,
    private readonly bad: Float64Array,
    /** Locations seen, in order of first appearance. */
    readonly locations: readonly string[],
  ) {}

  eventsIn(endMs: number, windowMs: number): number {
    return windowSum(this.valid, this.grid, endMs, windowMs);
  }

  badIn(endMs: number, windowMs: number): number {
    return windowSum(this.bad, this.grid, endMs, windowMs);
  }
}

/** How many of `reported` locations must succeed for a slice to be good. */
export function requiredSuccesses(reported: number, quorum: Quorum): number {
  if ('count' in quorum) return Math.min(quorum.count, reported);
  // The epsilon keeps shares like 1/3 × 3 from rounding up to 2.
  return Math.ceil(quorum.share * reported - 1e-9);
}

/** A slice is bad when fewer than the quorum of the locations that reported in it succeeded. */
export function isBadSlice(reported: number, succeeded: number, quorum: Quorum): boolean {
  return reported > 0 && succeeded < requiredSuccesses(reported, quorum);
}

const REPORTED = 1;
const FAILED = 2;

/** Builds a {@link TimesliceSeries} from per-location minute rollups. */
export class TimesliceSeriesBuilder {
  private readonly grid: BucketGrid;
  // Parallel arrays: a probe has a few locations, and a scan of them beats a map lookup per rollup.
  private readonly names: string[] = [];
  private readonly states: Uint8Array[] = [];
  private built = false;

  constructor(
    range: SeriesRange,
    private readonly options: { sliceMs: number; quorum: Quorum },
  ) {
    this.grid = bucketGrid(range, options.sliceMs);
  }

  /** Adds one location's minute; throws RollupError when its counts do not add up. */
  add(rollup: MinuteRollup): this {
    if (this.built) throw new SeriesBuilderError('TimesliceSeriesBuilder');
    checkRollup(rollup);
    const i = bucketIndex(this.grid, rollup.minute);
    if (i < 0 || rollup.total === 0) return this;
    const state = this.stateOf(rollup.location);
    state[i] = state[i]! | REPORTED | (rollup.bad > 0 ? FAILED : 0);
    return this;
  }

  /** Judges every slice against the quorum; the builder cannot be used afterwards. */
  build(): TimesliceSeries {
    if (this.built) throw new SeriesBuilderError('TimesliceSeriesBuilder');
    this.built = true;
    const { reported, failed } = this.countLocations();
    const valid = new Float64Array(this.grid.count + 1);
    const bad = new Float64Array(this.grid.count + 1);
    for (let i = 0; i < this.grid.count; i++) {
      const r = reported[i]!;
      valid[i + 1] = r > 0 ? 1 : 0;
      bad[i + 1] = isBadSlice(r, r - failed[i]!, this.options.quorum) ? 1 : 0;
    }
    accumulate(valid);
    accumulate(bad);
    return new TimesliceSeries(this.grid, valid, bad, [...this.names]);
  }

  private countLocations(): { reported: Uint32Array; failed: Uint32Array } {
    const reported = new Uint32Array(this.grid.count);
    const failed = new Uint32Array(this.grid.count);
    for (const state of this.states) {
      for (let i = 0; i < state.length; i++) {
        const s = state[i]!;
        reported[i] = reported[i]! + (s & REPORTED);
        failed[i] = failed[i]! + ((s & FAILED) >> 1);
      }
    }
    return { reported, failed };
  }

  private stateOf(location: string): Uint8Array {
    const index = this.names.indexOf(location);
    if (index >= 0) return this.states[index]!;
    const state = new Uint8Array(this.grid.count);
    this.names.push(location);
    this.states.push(state);
    return state;
  }
}
