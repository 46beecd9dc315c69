/**
 * Per-day time-slice summaries, so that evaluating a time-slice SLO over 28 days reads 28 small rows
 * per CUJ instead of 40,320 minutes per location.
 *
 * What a slice's goodness depends on: for each location that reported in the minute, its state
 * character (see `MINUTE_STATE`), and the SLO's latency cut and quorum. A location fails under a cut
 * when its state is above the cut's bucket (a probe with no passing attempt is above every cut); a
 * minute is bad when fewer than the quorum of the reporting locations succeeded. Sorting the reporting
 * locations' states from best to worst, the minute is bad exactly when the `required`-th best state
 * fails, where `required` depends only on how many locations reported and on the quorum. So the sorted
 * state string of a minute ("AAR", "AA~", "A") decides it for every cut and every quorum, and a day is
 * summarized as how many minutes had each sorted state string: quorum- and SLI-independent, exact, and
 * small (a steady day is one or two distinct strings).
 *
 * A summary covers one (journey, step, target) group: the locations of one series set. It is written
 * when compaction folds the day into day rows (every hour of the day is folded by then) and rewritten
 * when a late result changes an hour of a folded day, in the same transaction. Stores created before
 * summaries existed get them for days folded from then on (`timeslice_watermark`).
 */
import { MINUTE_STATE, RESOLUTION_MS } from './rollup-columns.js';

/** One group's minutes of one UTC day, by sorted state string of the locations that reported. */
export interface TimesliceDay {
  journey: string;
  step: string;
  target: string;
  dayMs: number;
  /** Sorted state string (best first, locations with no valid probe left out) → minutes; no entry for minutes where no location reported. */
  minutes: Record<string, number>;
}

/** The summaries of a range of days, and which days summaries are complete for. */
export interface TimesliceDays {
  /**
   * Days starting in `[fromMs, toMs)` are summarized: every group with a reporting minute that day
   * has a row. Outside it, read the minute states.
   */
  summarized: { fromMs: number; toMs: number };
  days: TimesliceDay[];
}

/** An hour row's minute states with its series' key, as the summarizing query returns it. */
export interface HourStatesRow {
  journey: string;
  step: string;
  target: string;
  location: string;
  start_ms: number | string;
  minute_states: string | null;
}

const DAY = RESOLUTION_MS.day;
const MINUTE = RESOLUTION_MS.minute;
const MINUTES_PER_DAY = DAY / MINUTE;
const NONE = MINUTE_STATE.none.charCodeAt(0);

/** The hour rows (with series keys) whose hour starts in `[p1, p2)`, optionally of one group (`p3`..`p5`). */
export function hourStatesForDaysSql(p: (n: number) => string, oneGroup: boolean): string {
  const group = oneGroup ? ` AND s.journey = ${p(3)} AND s.step = ${p(4)} AND s.target = ${p(5)}` : '';
  return `SELECT s.journey, s.step, s.target, s.location, r.start_ms, r.minute_states
    FROM rollups r JOIN rollup_series s ON s.id = r.series_id
    WHERE r.resolution_ms = ${RESOLUTION_MS.hour} AND r.start_ms >= ${p(1)} AND r.start_ms < ${p(2)}${group}`;
}

/** Summarizes hour rows into one {@link TimesliceDay} per group and day (groups with no reporting minute get none). */
export function summarizeDays(rows: Iterable<HourStatesRow>): TimesliceDay[] {
  // group + day → location → one state code per minute of the day
  const groups = new Map<string, { day: Omit<TimesliceDay, 'minutes'>; locations: Map<string, Uint8Array> }>();
  for (const row of rows) {
    if (row.minute_states === null) continue;
    const startMs = Number(row.start_ms);
    const dayMs = Math.floor(startMs / DAY) * DAY;
    const key = JSON.stringify([row.journey, row.step, row.target, dayMs]);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { day: { journey: row.journey, step: row.step, target: row.target, dayMs }, locations: new Map() }));
    let codes = group.locations.get(row.location);
    if (codes === undefined) group.locations.set(row.location, (codes = new Uint8Array(MINUTES_PER_DAY).fill(NONE)));
    const offset = (startMs - dayMs) / MINUTE;
    for (let i = 0; i < row.minute_states.length && offset + i < MINUTES_PER_DAY; i++) codes[offset + i] = row.minute_states.charCodeAt(i);
  }
  const days: TimesliceDay[] = [];
  for (const { day, locations } of groups.values()) {
    const minutes = countStateStrings([...locations.values()]);
    if (Object.keys(minutes).length > 0) days.push({ ...day, minutes });
  }
  return days.sort((a, b) => a.dayMs - b.dayMs || compare(a.journey, b.journey) || compare(a.step, b.step) || compare(a.target, b.target));
}

function countStateStrings(locations: readonly Uint8Array[]): Record<string, number> {
  const counts = new Map<string, number>();
  const reported: number[] = [];
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    reported.length = 0;
    for (const codes of locations) if (codes[m] !== NONE) reported.push(codes[m]!);
    if (reported.length === 0) continue;
    reported.sort((a, b) => a - b);
    const key = String.fromCharCode(...reported);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries(counts);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A late result's group and day, to summarize again. */
export interface TimesliceGroupDay {
  journey: string;
  step: string;
  target: string;
  dayMs: number;
}

/** The distinct (group, day) pairs of late deltas for minutes whose day is already folded, sorted (a stable lock order). */
export function lateGroupDays(late: Iterable<{ series: { journey: string; step: string; target: string }; minuteMs: number }>, dayWatermark: number): TimesliceGroupDay[] {
  const found = new Map<string, TimesliceGroupDay>();
  for (const { series, minuteMs } of late) {
    if (minuteMs >= dayWatermark) continue;
    const dayMs = Math.floor(minuteMs / DAY) * DAY;
    found.set(JSON.stringify([series.journey, series.step, series.target, dayMs]), { journey: series.journey, step: series.step, target: series.target, dayMs });
  }
  return [...found.values()].sort((a, b) => a.dayMs - b.dayMs || compare(a.journey, b.journey) || compare(a.step, b.step) || compare(a.target, b.target));
}

/** A stored row as a {@link TimesliceDay}. */
export function toTimesliceDay(row: Record<string, unknown>): TimesliceDay {
  return {
    journey: String(row.journey),
    step: String(row.step),
    target: String(row.target),
    dayMs: Number(row.day_ms),
    minutes: JSON.parse(String(row.minutes_json)) as Record<string, number>,
  };
}

/** The migration that adds the summaries; days folded before it have none (the watermark starts at the day watermark). */
export const TIMESLICE_DAYS_SQL = `
  CREATE TABLE timeslice_days (
    journey TEXT NOT NULL,
    step TEXT NOT NULL,
    target TEXT NOT NULL,
    day_ms BIGINT NOT NULL,
    minutes_json TEXT NOT NULL,
    PRIMARY KEY (journey, step, target, day_ms)
  );
  CREATE INDEX timeslice_days_day ON timeslice_days (day_ms);
  CREATE TABLE timeslice_watermark (
    summarized_from_ms BIGINT NOT NULL
  );
  INSERT INTO timeslice_watermark (summarized_from_ms)
    SELECT folded_before_ms FROM rollup_watermarks WHERE resolution_ms = ${DAY};
`;

/**
 * Which days the summaries can stand in for the minute states: from the watermark the migration set
 * (days folded before it have no summary) and from the first whole day of hour rows (older hours were
 * deleted by retention; the minute states are gone there too, and so must the summary's minutes be),
 * up to the day watermark.
 */
export function summarizedRange(summarizedFromMs: number, oldestHourMs: number | undefined, dayWatermarkMs: number): { fromMs: number; toMs: number } {
  if (oldestHourMs === undefined) return { fromMs: dayWatermarkMs, toMs: dayWatermarkMs };
  // The oldest hour's day may have lost some of its rows to a delete batch that stopped inside it.
  const firstWholeDay = Math.floor(oldestHourMs / DAY) * DAY + DAY;
  const fromMs = Math.min(Math.max(summarizedFromMs, firstWholeDay), dayWatermarkMs);
  return { fromMs, toMs: dayWatermarkMs };
}

/** The days in `[fromMs, toMs)` of some journeys (all when absent). */
export function selectTimesliceDaysSql(p: (n: number) => string, journeys: 'all' | 'some', journeysIn: (n: number) => string): string {
  const filter = journeys === 'all' ? '' : ` AND ${journeysIn(3)}`;
  return `SELECT journey, step, target, day_ms, minutes_json FROM timeslice_days WHERE day_ms >= ${p(1)} AND day_ms < ${p(2)}${filter} ORDER BY day_ms, journey, step, target`;
}
