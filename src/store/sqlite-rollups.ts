import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { JourneyResult } from '../journey/index.js';
import { minuteStateSql, RESOLUTION_MS, type RollupResolution } from './rollup-columns.js';
import { bucketStart, inAttemptOrder, RollupDeltaBatch, type RollupDelta } from './rollup-deltas.js';
import {
  checkDelete,
  checkRange,
  foldSql,
  hourStates,
  minuteStatesSql,
  NO_MINUTES,
  rangeWhere,
  sumSelectList,
  toRollupRow,
  toRollupSum,
  touchedColumns,
  upsertSql,
  type NumberedPlaceholder,
} from './rollup-sql.js';
import type { MinuteStatesRow, RollupCoverage, RollupRange, RollupRow, RollupSum } from './rollup-store.js';
import type { RollupSeries, SeriesRegistry } from './rollup-series.js';
import { fromRows, type RunRow, type StepRow } from './run-rows.js';
import { PROBE_LOOKBACK_MS, probeChain } from './probe-chain.js';
import { coarserOf, finerOf, nextFold, type Watermarks } from './rollup-folding.js';
import {
  hourStatesForDaysSql,
  lateGroupDays,
  selectTimesliceDaysSql,
  summarizedRange,
  summarizeDays,
  toTimesliceDay,
  type TimesliceDays,
  type HourStatesRow,
  type TimesliceGroupDay,
} from './timeslice-days.js';

const p: NumberedPlaceholder = (n) => `?${n}`;
const inJson = (n: number) => `series_id IN (SELECT value FROM json_each(?${n}))`;
const STATEMENT_CACHE_LIMIT = 512;

/**
 * Earlier attempts of a probe: by the index on (session_id, started_at_ms) when the attempt has a
 * session (serve gives every slot its own), else by the one on (journey, started_at_ms).
 */
const EARLIER_ATTEMPTS_SQL = (session: 'session_id = ?' | 'session_id IS NULL') => `
  SELECT * FROM runs WHERE ${session} AND journey = ? AND started_at_ms >= ? AND started_at_ms <= ?
    AND location = ? AND target_name = ? AND attempt < ? AND rolled_up = 1`;

/**
 * The `rollups` side of the SQLite store: written inside the store's save transaction, read by
 * evaluation. Synchronous, like node:sqlite; the store runs writes in its transactions.
 */
export class SqliteRollups {
  private readonly upserts = new Map<string, StatementSync>();
  private readonly insertSeries: StatementSync;
  private readonly earlierInSession: StatementSync;
  private readonly earlierWithoutSession: StatementSync;
  private readonly stepsOf: StatementSync;
  private readonly selectWatermarks: StatementSync;
  private readonly minuteState: StatementSync;

  constructor(
    private readonly db: DatabaseSync,
    private readonly registry: SeriesRegistry,
  ) {
    this.insertSeries = db.prepare('INSERT INTO rollup_series (id, journey, step, target, location) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
    this.earlierInSession = db.prepare(EARLIER_ATTEMPTS_SQL('session_id = ?'));
    this.earlierWithoutSession = db.prepare(EARLIER_ATTEMPTS_SQL('session_id IS NULL'));
    this.stepsOf = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY step_index');
    this.selectWatermarks = db.prepare('SELECT resolution_ms, folded_before_ms FROM rollup_watermarks');
    this.minuteState = db.prepare(`SELECT ${minuteStateSql()} AS state FROM rollups WHERE resolution_ms = ${RESOLUTION_MS.minute} AND start_ms = ? AND series_id = ?`);
  }

  /**
   * Rolls up results whose runs this transaction has just inserted. Returns the series ids written,
   * to mark as stored once the transaction commits.
   */
  record(results: readonly JourneyResult[]): number[] {
    const batch = new RollupDeltaBatch(this.registry);
    for (const result of inAttemptOrder(results)) batch.addAttempt(result, this.chainOf(result));
    return this.apply(batch.entries());
  }

  /** Rolls up at most `limit` runs stored without rollups, oldest first. */
  backfill(limit: number): { runs: number; seriesIds: number[] } {
    const rows = this.db.prepare('SELECT * FROM runs WHERE rolled_up = 0 ORDER BY started_at_ms, attempt, id LIMIT ?').all(limit) as unknown as RunRow[];
    if (rows.length === 0) return { runs: 0, seriesIds: [] };
    // Marked first, so later attempts in the batch find the earlier ones they follow.
    this.db.prepare('UPDATE runs SET rolled_up = 1 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(rows.map((r) => r.id)));
    const batch = new RollupDeltaBatch(this.registry);
    for (const row of rows) {
      const result = this.load(row);
      batch.addAttempt(result, this.chainOf(result));
    }
    return { runs: rows.length, seriesIds: this.apply(batch.entries()) };
  }

  listSeries(filter: { journeys?: readonly string[] } = {}): RollupSeries[] {
    const journeys = filter.journeys;
    const where = journeys === undefined ? '' : 'WHERE journey IN (SELECT value FROM json_each(?))';
    const params = journeys === undefined ? [] : [JSON.stringify(journeys)];
    const rows = this.db.prepare(`SELECT id, journey, step, target, location FROM rollup_series ${where} ORDER BY journey, step, target, location`).all(...params);
    return rows.map((row) => ({ id: Number(row.id), journey: String(row.journey), step: String(row.step), target: String(row.target), location: String(row.location) }));
  }

  sum(range: RollupRange, cuts: readonly number[]): RollupSum[] {
    checkRange(range, cuts);
    const { where, params } = this.where(range);
    const sql = `SELECT ${sumSelectList(cuts)} FROM rollups ${where} GROUP BY series_id ORDER BY series_id`;
    return this.db.prepare(sql).all(...params).map((row) => toRollupSum(row, cuts));
  }

  rows(range: RollupRange): RollupRow[] {
    checkRange(range);
    const { where, params } = this.where(range);
    return this.db.prepare(`SELECT * FROM rollups ${where} ORDER BY start_ms, series_id`).all(...params).map(toRollupRow);
  }

  minuteStates(range: Omit<RollupRange, 'resolution'>): MinuteStatesRow[] {
    checkRange(range);
    const folded = this.watermarks().hour;
    const hours = { ...range, resolution: 'hour' as const, toMs: Math.min(range.toMs, folded) };
    const { where, params } = this.where(hours);
    const stored = this.db.prepare(`SELECT series_id, start_ms, minute_states FROM rollups ${where} ORDER BY start_ms, series_id`).all(...params);
    const fromHours = stored.map((row) => ({ seriesId: Number(row.series_id), startMs: Number(row.start_ms), states: String(row.minute_states ?? NO_MINUTES) }));
    const from = Math.max(range.fromMs, folded);
    if (from >= range.toMs) return fromHours;
    const filter = range.seriesIds === undefined ? '' : ` AND ${inJson(3)}`;
    const minuteParams = range.seriesIds === undefined ? [from, range.toMs] : [from, range.toMs, JSON.stringify(range.seriesIds)];
    const minutes = this.db.prepare(minuteStatesSql(p, filter)).all(...minuteParams) as { series_id: number; start_ms: number; state: string }[];
    return [...fromHours, ...hourStates(minutes)];
  }

  timesliceDays(query: { fromMs: number; toMs: number; journeys?: readonly string[] }): TimesliceDays {
    checkRange(query);
    const marks = this.watermarks();
    const from = this.db.prepare('SELECT summarized_from_ms AS f FROM timeslice_watermark').get();
    const oldestHour = this.db.prepare('SELECT MIN(start_ms) AS oldest FROM rollups WHERE resolution_ms = ?').get(RESOLUTION_MS.hour)?.oldest;
    const summarized = summarizedRange(Number(from?.f ?? marks.day), oldestHour === null || oldestHour === undefined ? undefined : Number(oldestHour), marks.day);
    const journeys = query.journeys;
    const sql = selectTimesliceDaysSql(p, journeys === undefined ? 'all' : 'some', (n) => `journey IN (SELECT value FROM json_each(?${n}))`);
    const params = journeys === undefined ? [query.fromMs, query.toMs] : [query.fromMs, query.toMs, JSON.stringify(journeys)];
    return { summarized, days: this.db.prepare(sql).all(...params).map(toTimesliceDay) };
  }

  coverage(): RollupCoverage {
    const oldest = (resolution: RollupResolution): number | undefined => {
      const row = this.db.prepare('SELECT MIN(start_ms) AS oldest FROM rollups WHERE resolution_ms = ?').get(RESOLUTION_MS[resolution]);
      return row?.oldest === null || row?.oldest === undefined ? undefined : Number(row.oldest);
    };
    const folded = this.watermarks();
    return { minute: { fromMs: oldest('minute') }, hour: { fromMs: oldest('hour'), toMs: folded.hour }, day: { fromMs: oldest('day'), toMs: folded.day } };
  }

  foldNext(resolution: 'hour' | 'day', untilMs: number): number | undefined {
    const watermarks = this.watermarks();
    const finer = finerOf(resolution);
    const row = this.db
      .prepare('SELECT MIN(start_ms) AS next FROM rollups WHERE resolution_ms = ? AND start_ms >= ?')
      .get(RESOLUTION_MS[finer], watermarks[resolution]);
    const plan = nextFold(resolution, watermarks, row?.next === null || row?.next === undefined ? undefined : Number(row.next), untilMs);
    if (plan.fold !== undefined) {
      this.db.prepare(foldSql(finer, resolution, p)).run(plan.fold.fromMs, plan.fold.toMs);
      if (resolution === 'hour') this.writeHourStates(plan.fold.fromMs, plan.fold.toMs);
      else this.summarize(plan.fold.fromMs);
    }
    if (plan.watermark !== watermarks[resolution]) {
      this.db.prepare('UPDATE rollup_watermarks SET folded_before_ms = ? WHERE resolution_ms = ?').run(plan.watermark, RESOLUTION_MS[resolution]);
    }
    return plan.fold?.fromMs;
  }

  deleteBefore(resolution: RollupResolution, before: Date, limit: number): number {
    const coarser = coarserOf(resolution);
    const beforeMs = Math.min(checkDelete(resolution, before, limit), coarser === undefined ? Infinity : this.watermarks()[coarser]);
    const sql = `DELETE FROM rollups WHERE resolution_ms = ?1 AND (start_ms, series_id) IN (
      SELECT start_ms, series_id FROM rollups WHERE resolution_ms = ?1 AND start_ms < ?2 ORDER BY start_ms LIMIT ?3)`;
    const deleted = Number(this.db.prepare(sql).run(RESOLUTION_MS[resolution], beforeMs, limit).changes);
    // Summaries of days whose hours are gone can no longer be used (see summarizedRange).
    if (resolution === 'hour') this.db.prepare(`DELETE FROM timeslice_days WHERE day_ms + ${RESOLUTION_MS.day} <= ?`).run(beforeMs);
    return deleted;
  }

  /** Writes the time-slice summaries of one day, of every group or of one (after a late result changed it). */
  private summarize(dayMs: number, group?: TimesliceGroupDay): void {
    const range = [dayMs, dayMs + RESOLUTION_MS.day];
    const groupParams = group === undefined ? [] : [group.journey, group.step, group.target];
    const rows = this.db.prepare(hourStatesForDaysSql(p, group !== undefined)).all(...range, ...groupParams) as unknown as HourStatesRow[];
    const groupFilter = group === undefined ? '' : ' AND journey = ?3 AND step = ?4 AND target = ?5';
    this.db.prepare(`DELETE FROM timeslice_days WHERE day_ms >= ?1 AND day_ms < ?2${groupFilter}`).run(...range, ...groupParams);
    const insert = this.db.prepare('INSERT INTO timeslice_days (journey, step, target, day_ms, minutes_json) VALUES (?, ?, ?, ?, ?)');
    for (const day of summarizeDays(rows)) insert.run(day.journey, day.step, day.target, day.dayMs, JSON.stringify(day.minutes));
  }

  private watermarks(): Watermarks {
    const rows = this.selectWatermarks.all();
    const of = (ms: number) => Number(rows.find((r) => Number(r.resolution_ms) === ms)?.folded_before_ms ?? 0);
    return { hour: of(RESOLUTION_MS.hour), day: of(RESOLUTION_MS.day) };
  }

  private writeHourStates(fromMs: number, toMs: number): void {
    const update = this.db.prepare(`UPDATE rollups SET minute_states = ? WHERE resolution_ms = ${RESOLUTION_MS.hour} AND start_ms = ? AND series_id = ?`);
    const minutes = this.db.prepare(minuteStatesSql(p)).all(fromMs, toMs) as { series_id: number; start_ms: number; state: string }[];
    for (const hour of hourStates(minutes)) update.run(hour.states, hour.startMs, hour.seriesId);
  }

  private where(range: RollupRange) {
    return rangeWhere(range, p, inJson, (ids) => JSON.stringify(ids)) as { where: string; params: (number | string)[] };
  }

  private chainOf(result: JourneyResult): JourneyResult[] {
    if (result.attempt <= 1) return [];
    const startedAtMs = Date.parse(result.startedAt);
    const params = [result.journey, startedAtMs - PROBE_LOOKBACK_MS, startedAtMs, result.location, result.target.name, result.attempt];
    const rows = (
      result.sessionId === undefined ? this.earlierWithoutSession.all(...params) : this.earlierInSession.all(result.sessionId, ...params)
    ) as unknown as RunRow[];
    return probeChain(result, rows.map((row) => this.load(row)));
  }

  private load(row: RunRow): JourneyResult {
    return fromRows(row, this.stepsOf.all(row.id) as unknown as StepRow[]);
  }

  private apply(deltas: readonly RollupDelta[]): number[] {
    if (deltas.length === 0) return [];
    const unstored = this.registry.unstored(deltas);
    for (const s of unstored) this.insertSeries.run(s.id, s.journey, s.step, s.target, s.location);
    this.addToMinutes(deltas);
    const watermarks = this.watermarks();
    for (const delta of deltas) if (delta.minuteMs < watermarks.hour) this.addToFolded(delta, watermarks);
    for (const group of lateGroupDays(deltas, watermarks.day)) this.summarize(group.dayMs, group);
    return unstored.map((s) => s.id);
  }

  /**
   * Adds deltas to their minute rows, one single-row upsert each (binding only the columns a delta
   * changes). Multi-row upserts of 16 rows measured about 12% slower per saved result with node 24's
   * SQLite than these (BENCHMARKS.md "Scale").
   */
  private addToMinutes(deltas: readonly RollupDelta[]): void {
    for (const { series, minuteMs, counts } of deltas) {
      const { columns, values, key } = touchedColumns(counts);
      this.upsert(key, columns, false).run(RESOLUTION_MS.minute, minuteMs, series.id, ...values);
    }
  }

  /** Adds a delta for a minute already folded to the hour row (setting the minute's state) and, if folded that far, the day row. */
  private addToFolded({ series, minuteMs, counts }: RollupDelta, watermarks: Watermarks): void {
    const { columns, values, key } = touchedColumns(counts);
    const hourMs = bucketStart(minuteMs, RESOLUTION_MS.hour);
    const state = String(this.minuteState.get(minuteMs, series.id)?.state);
    const position = (minuteMs - hourMs) / RESOLUTION_MS.minute;
    const fresh = NO_MINUTES.slice(0, position) + state + NO_MINUTES.slice(position + 1);
    this.upsert(key, columns, true).run(RESOLUTION_MS.hour, hourMs, series.id, ...values, fresh, position, state);
    if (minuteMs < watermarks.day) this.upsert(key, columns, false).run(RESOLUTION_MS.day, bucketStart(minuteMs, RESOLUTION_MS.day), series.id, ...values);
  }

  /** A statement that adds exactly these columns to a row (binding only what is non-zero is cheaper), cached. */
  private upsert(key: string, columns: readonly number[], withState: boolean): StatementSync {
    const name = `${withState ? 's' : 'c'}:${key}`;
    let statement = this.upserts.get(name);
    if (statement === undefined) {
      if (this.upserts.size >= STATEMENT_CACHE_LIMIT) this.upserts.clear();
      statement = this.db.prepare(upsertSql(columns, p, withState));
      this.upserts.set(name, statement);
    }
    return statement;
  }
}
