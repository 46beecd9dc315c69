import { DAY_MS, HOUR_MS, MINUTE_MS, isBadSlice, type BucketGrid, type Quorum, type WindowCounter } from '../scoring/index.js';
import { MINUTE_STATE, type MinuteStatesRow, type RollupSeries, type TimesliceDay } from '../store/index.js';
import { minuteWindow } from './window-plan.js';

/** A half-open range of epoch ms. */
export interface MsRange {
  fromMs: number;
  toMs: number;
}

/** How one window of a 1-minute time-slice SLO is read: whole days from the day summaries, the rest minute by minute. */
export interface SliceWindowPlan {
  /** Summarized days starting in this range (empty when fromMs ≥ toMs). */
  days: MsRange;
  /** Minute ranges read from the minute states (at most two: before and after the days). */
  minutes: MsRange[];
}

/** A window the scoring engine (or the burn-down) asks a counter for: `windowMs` ending at `endMs`. */
export interface SliceQuery {
  endMs: number;
  windowMs: number;
  /** Judge every minute of it, whole days too (for walks minute by minute, such as early recovery). */
  byMinute?: boolean;
}

/** The key of a {@link SliceQuery} in {@link SlicePlan.windows}. */
export const queryKey = (endMs: number, windowMs: number): string => `${endMs}:${windowMs}`;

/** Every window's plan (by {@link queryKey}), and the merged minute ranges all of them need. */
export interface SlicePlan {
  windows: Map<string, SliceWindowPlan>;
  minuteRanges: MsRange[];
}

/**
 * Plans the windows (as the scoring engine counts them: see `minuteWindow`) of 1-minute time-slice SLOs. A window's old edge is clamped to `gridStartMs`, where the minute-by-minute
 * evaluation's grid starts (nothing before it is counted there either). Whole UTC days inside the
 * window and inside `summarized` come from the day summaries; the edges and any day without a complete
 * summary (today, days folded before summaries existed) from the minute states.
 */
export function planSliceWindows(queries: Iterable<SliceQuery>, gridStartMs: number, summarized: MsRange): SlicePlan {
  const windows = new Map<string, SliceWindowPlan>();
  const parts: MsRange[] = [];
  for (const { endMs, windowMs, byMinute } of queries) {
    const key = `${queryKey(endMs, windowMs)}${byMinute === true ? ':m' : ''}`;
    if (windows.has(key)) continue;
    const edges = minuteWindow(endMs, windowMs);
    const fromMs = Math.max(edges.fromMs, gridStartMs);
    const toMs = edges.toMs;
    const days = { fromMs: Math.max(Math.ceil(fromMs / DAY_MS) * DAY_MS, summarized.fromMs), toMs: Math.min(Math.floor(toMs / DAY_MS) * DAY_MS, summarized.toMs) };
    const minutes = days.fromMs < days.toMs && byMinute !== true ? [{ fromMs, toMs: days.fromMs }, { fromMs: days.toMs, toMs }] : [{ fromMs, toMs }];
    const kept = minutes.filter((m) => m.fromMs < m.toMs);
    windows.set(key, { days, minutes: kept });
    parts.push(...kept);
  }
  return { windows, minuteRanges: mergeRanges(parts) };
}

/** The union of ranges as disjoint ranges, oldest first. */
export function mergeRanges(ranges: readonly MsRange[]): MsRange[] {
  const sorted = [...ranges].sort((a, b) => a.fromMs - b.fromMs);
  const merged: MsRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, range.toMs);
    else merged.push({ ...range });
  }
  return merged;
}

/** The hour-aligned ranges to read minute states for, so every minute of `ranges` is in a row read. */
export function hourAligned(ranges: readonly MsRange[]): MsRange[] {
  return mergeRanges(ranges.map((r) => ({ fromMs: Math.floor(r.fromMs / HOUR_MS) * HOUR_MS, toMs: r.toMs })));
}

/** What one time-slice SLO judges by: its latency cut (as a state code) and quorum. */
export interface SliceJudge {
  /** A location fails a minute when its state code is above this (or is the bad state). */
  failsAbove: number;
  quorum: Quorum;
}

const BAD = MINUTE_STATE.bad.charCodeAt(0);
const NONE = MINUTE_STATE.none.charCodeAt(0);
const REPORTED = 1;
const FAILED = 2;

/** Valid and bad slices, per summarized day. */
export function judgeDays(days: Iterable<TimesliceDay>, judge: SliceJudge): Map<number, { valid: number; bad: number }> {
  const byDay = new Map<number, { valid: number; bad: number }>();
  for (const day of days) {
    let valid = 0;
    let bad = 0;
    for (const [states, minutes] of Object.entries(day.minutes)) {
      let failed = 0;
      for (let i = 0; i < states.length; i++) {
        const code = states.charCodeAt(i);
        if (code === BAD || code > judge.failsAbove) failed++;
      }
      valid += minutes;
      if (isBadSlice(states.length, states.length - failed, judge.quorum)) bad += minutes;
    }
    byDay.set(day.dayMs, { valid, bad });
  }
  return byDay;
}

/** Prefix sums of valid and bad slices minute by minute over one range. */
export interface MinutePrefix {
  range: MsRange;
  valid: Float64Array;
  bad: Float64Array;
}

/**
 * Judges every minute of `range` from the minute states of an SLO's series, the way the minute-by-minute
 * builder does: a location reported when one of its series had a valid probe, failed when one failed.
 */
export function judgeMinutes(rows: Iterable<MinuteStatesRow>, locationOf: ReadonlyMap<number, string>, range: MsRange, judge: SliceJudge): MinutePrefix {
  const count = (range.toMs - range.fromMs) / MINUTE_MS;
  const byLocation = new Map<string, Uint8Array>();
  for (const row of rows) {
    const location = locationOf.get(row.seriesId);
    if (location === undefined) continue;
    const first = Math.max(0, (range.fromMs - row.startMs) / MINUTE_MS);
    const last = Math.min(row.states.length, (range.toMs - row.startMs) / MINUTE_MS);
    if (first >= last) continue;
    let flags = byLocation.get(location);
    if (flags === undefined) byLocation.set(location, (flags = new Uint8Array(count)));
    const offset = (row.startMs - range.fromMs) / MINUTE_MS;
    for (let i = first; i < last; i++) {
      const code = row.states.charCodeAt(i);
      if (code === NONE) continue;
      flags[offset + i] = flags[offset + i]! | REPORTED | (code === BAD || code > judge.failsAbove ? FAILED : 0);
    }
  }
  const valid = new Float64Array(count + 1);
  const bad = new Float64Array(count + 1);
  const locations = [...byLocation.values()];
  for (let m = 0; m < count; m++) {
    let reported = 0;
    let failed = 0;
    for (const flags of locations) {
      reported += flags[m]! & REPORTED;
      failed += (flags[m]! & FAILED) >> 1;
    }
    valid[m + 1] = valid[m]! + (reported > 0 ? 1 : 0);
    bad[m + 1] = bad[m]! + (isBadSlice(reported, reported - failed, judge.quorum) ? 1 : 0);
  }
  return { range, valid, bad };
}

/**
 * A time-slice {@link WindowCounter} over summarized days and judged minute ranges. Any window is
 * answered exactly when each of its minutes lies in a whole summarized day of it or in a judged range
 * (the windows planned for, and the early-recovery walk over a judged range); others throw.
 * Windows are counted as the minute-by-minute series counts them (`minuteWindow`, clamped to its
 * grid start).
 */
export class SliceCounter implements WindowCounter {
  readonly unit = 'slices';
  readonly grid: BucketGrid;

  constructor(
    private readonly gridStartMs: number,
    private readonly days: ReadonlyMap<number, { valid: number; bad: number }>,
    private readonly summarized: MsRange,
    private readonly minutes: readonly MinutePrefix[],
  ) {
    this.grid = { startMs: gridStartMs, bucketMs: MINUTE_MS, count: 0 };
  }

  eventsIn(endMs: number, windowMs: number): number {
    return this.count(endMs, windowMs).events;
  }

  badIn(endMs: number, windowMs: number): number {
    return this.count(endMs, windowMs).bad;
  }

  /** Valid and bad slices of a window: judged minutes where there are, whole summarized days between. */
  count(endMs: number, windowMs: number): { events: number; bad: number } {
    const edges = minuteWindow(endMs, windowMs);
    const toMs = edges.toMs;
    let at = Math.max(edges.fromMs, this.gridStartMs);
    let events = 0;
    let bad = 0;
    while (at < toMs) {
      if (at % DAY_MS === 0 && at + DAY_MS <= toMs && at >= this.summarized.fromMs && at + DAY_MS <= this.summarized.toMs) {
        const day = this.days.get(at);
        events += day?.valid ?? 0;
        bad += day?.bad ?? 0;
        at += DAY_MS;
        continue;
      }
      const judged = this.minutes.find((m) => m.range.fromMs <= at && at < m.range.toMs);
      if (judged === undefined) throw new RangeError(`no slices read for a ${windowMs} ms window ending at ${endMs} (at ${at})`);
      // Up to the next midnight at most: the day after may be read whole from its summary.
      const end = Math.min(toMs, judged.range.toMs, Math.floor(at / DAY_MS) * DAY_MS + DAY_MS);
      const from = (at - judged.range.fromMs) / MINUTE_MS;
      const to = (end - judged.range.fromMs) / MINUTE_MS;
      events += judged.valid[to]! - judged.valid[from]!;
      bad += judged.bad[to]! - judged.bad[from]!;
      at = end;
    }
    return { events, bad };
  }
}

/** The series an SLO's day summaries stand for: one target's (a summary is per target), or undefined when they span several. */
export function singleTarget(series: readonly RollupSeries[]): string | undefined {
  const targets = new Set(series.map((s) => s.target));
  return targets.size === 1 ? [...targets][0] : undefined;
}
