import type { RollupCounts } from './rollup-deltas.js';
import type { RollupResolution } from './rollup-columns.js';
import type { RollupSeries } from './rollup-series.js';
import type { TimesliceDays } from './timeslice-days.js';

/**
 * Which rollup rows to read: one resolution, the buckets that start in `[fromMs, toMs)`, and
 * optionally only some series.
 */
export interface RollupRange {
  resolution: RollupResolution;
  fromMs: number;
  toMs: number;
  /** Only these series; all when absent. An empty list matches nothing. */
  seriesIds?: readonly number[];
}

/**
 * One series' counts summed over a range. For each latency cut asked for (a last bucket index, see
 * `latencyCut` in scoring), `firstPassWithin[i]` probes passed on their first valid attempt within
 * it and `anyPassWithin[i]` passed on some attempt within it: good = firstPassWithin, degraded =
 * anyPassWithin − firstPassWithin, bad = runs − anyPassWithin.
 */
export interface RollupSum {
  seriesId: number;
  runs: number;
  bad: number;
  degraded: number;
  invalid: number;
  firstPassWithin: number[];
  anyPassWithin: number[];
}

/** One stored rollup row. */
export interface RollupRow {
  seriesId: number;
  resolution: RollupResolution;
  startMs: number;
  counts: RollupCounts;
}

/** The per-minute states of one series over one hour (see `MINUTE_STATE` in rollup-columns.ts). */
export interface MinuteStatesRow {
  seriesId: number;
  /** Start of the hour. */
  startMs: number;
  /** 60 characters, one per minute. */
  states: string;
}

/**
 * Which time each resolution covers completely: minute rows from the oldest kept minute on; hour
 * rows from the oldest kept hour up to the hour watermark (what compaction has folded so far); day
 * rows likewise. `fromMs` is undefined when a resolution holds no row.
 */
export interface RollupCoverage {
  minute: { fromMs: number | undefined };
  hour: { fromMs: number | undefined; toMs: number };
  day: { fromMs: number | undefined; toMs: number };
}

/**
 * SLI-agnostic counts of probes per series (journey × step × target × location) and bucket, at
 * minute, hour and day resolution: written in the same transaction as the runs they count, so they
 * never disagree with the raw runs, and kept after raw-run retention deleted those. Any SLO
 * (availability, latency on a bucket bound, one step; occurrences or time slices) can be evaluated
 * from them. See README "SLO rollups" for sizes and retention.
 */
export interface RollupStore {
  /** Every series with rollups, optionally only those of some journeys. */
  listSeries(filter?: { journeys?: readonly string[] }): Promise<RollupSeries[]>;
  /** Counts summed per series over the range, with the requested latency cuts (last bucket indexes; -1 counts nothing). */
  sum(range: RollupRange, cuts?: readonly number[]): Promise<RollupSum[]>;
  /** The rows in the range, oldest first (ties by series id). */
  rows(range: RollupRange): Promise<RollupRow[]>;
  /**
   * Per series and hour starting in `[fromMs, toMs)`, one state character per minute (see
   * `MINUTE_STATE`): from the hour rows where compaction folded the hour, from the minute rows after.
   * Hours without any row are left out.
   */
  minuteStates(range: Omit<RollupRange, 'resolution'>): Promise<MinuteStatesRow[]>;
  /**
   * The per-day time-slice summaries (see timeslice-days.ts) of the days starting in `[fromMs, toMs)`,
   * optionally of some journeys only, and the days they are complete for.
   */
  timesliceDays(query: { fromMs: number; toMs: number; journeys?: readonly string[] }): Promise<TimesliceDays>;
  /** What each resolution covers, so readers pick the right rows for a window. */
  coverage(): Promise<RollupCoverage>;
  /**
   * Folds the oldest bucket not folded yet into the coarser resolution, in one short transaction:
   * one hour of minute rows into hour rows (`'hour'`), or one day of hour rows into day rows
   * (`'day'`, only days whose hours are all folded). Only buckets that end by `untilMs`. Resolves
   * to the folded bucket's start, or undefined when nothing is left to fold. `maintainRollups`
   * calls it in a loop.
   */
  foldNext(resolution: 'hour' | 'day', untilMs: number): Promise<number | undefined>;
  /**
   * Deletes at most `limit` of the oldest rows of one resolution whose bucket started before
   * `before`, in one short statement; resolves to how many. Rows not yet folded into the coarser
   * resolution are kept whatever `before` says. `maintainRollups` calls it in batches.
   */
  deleteBefore(resolution: RollupResolution, before: Date, limit: number): Promise<number>;
  /**
   * Rolls up at most `limit` runs stored without rollups (written before migration 4, or by an older
   * Outpost during a rolling upgrade), oldest first, in one transaction; resolves to how many. The
   * store calls it when it opens until none are left.
   */
  backfill(limit: number): Promise<number>;
}
