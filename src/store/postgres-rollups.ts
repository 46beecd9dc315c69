import type { Pool, PoolClient } from 'pg';
import type { JourneyResult } from '../journey/index.js';
import { ADDITIVE_COLUMNS, KEY_COLUMNS, minuteStateSql, RESOLUTION_MS, type RollupResolution } from './rollup-columns.js';
import { addDelta, bucketStart, inAttemptOrder, emptyDelta, RollupDeltaBatch, type DeltaCounts, type RollupDelta } from './rollup-deltas.js';
import {
  additiveAssignments,
  checkDelete,
  checkRange,
  deltaRow,
  foldSql,
  hourStates,
  minuteStatesSql,
  NO_MINUTES,
  rangeWhere,
  sumSelectList,
  toRollupRow,
  toRollupSum,
  type NumberedPlaceholder,
} from './rollup-sql.js';
import type { MinuteStatesRow, RollupCoverage, RollupRange, RollupRow, RollupSum } from './rollup-store.js';
import type { RollupSeries, SeriesRegistry } from './rollup-series.js';
import { fromRows, groupByRun, type RunRow, type StepRow } from './run-rows.js';
import { PROBE_LOOKBACK_MS, probeChain } from './probe-chain.js';
import { coarserOf, finerOf, nextFold, type Watermarks } from './rollup-folding.js';
import {
  hourStatesForDaysSql,
  lateGroupDays,
  selectTimesliceDaysSql,
  summarizedRange,
  summarizeDays,
  toTimesliceDay,
  type HourStatesRow,
  type TimesliceDay,
  type TimesliceDays,
  type TimesliceGroupDay,
} from './timeslice-days.js';

type Queryable = Pool | PoolClient;

const p: NumberedPlaceholder = (n) => `$${n}`;
const anyOf = (n: number) => `series_id = ANY($${n}::bigint[])`;
const COLUMNS = [...KEY_COLUMNS, ...ADDITIVE_COLUMNS, 'minute_states'];
const LIST = COLUMNS.join(', ');

/*
 * Each statement takes a batch as one JSON array (see the result store's SAVE_SQL), sorted by key so
 * concurrent replicas lock rows in the same order and cannot deadlock. A statement may touch a row
 * only once, so the batch holds one row per key.
 */
const UPSERT_SQL = (returning: string) => `
  INSERT INTO rollups (${LIST})
  SELECT ${LIST} FROM json_populate_recordset(NULL::rollups, $1::json) ORDER BY resolution_ms, start_ms, series_id
  ON CONFLICT (resolution_ms, start_ms, series_id) DO UPDATE SET
  ${additiveAssignments()}
  ${returning}`;

const MINUTE_UPSERT_SQL = UPSERT_SQL(`RETURNING series_id, start_ms, ${minuteStateSql()} AS state`);
const COARSE_UPSERT_SQL = UPSERT_SQL('');

/** Sets the minutes a patch names (a space keeps the stored minute). */
const PATCH_STATES_SQL = `
  UPDATE rollups AS r SET minute_states = (
    SELECT string_agg(CASE WHEN substr(p.patch, i, 1) = ' ' THEN substr(COALESCE(r.minute_states, '${NO_MINUTES}'), i, 1)
                           ELSE substr(p.patch, i, 1) END, '' ORDER BY i)
    FROM generate_series(1, 60) AS i)
  FROM json_to_recordset($1::json) AS p(start_ms BIGINT, series_id BIGINT, patch TEXT)
  WHERE r.resolution_ms = ${RESOLUTION_MS.hour} AND r.start_ms = p.start_ms AND r.series_id = p.series_id`;

const INSERT_SERIES_SQL = `
  INSERT INTO rollup_series (id, journey, step, target, location)
  SELECT id, journey, step, target, location FROM json_populate_recordset(NULL::rollup_series, $1::json) ORDER BY id
  ON CONFLICT (id) DO NOTHING`;

const EARLIER_ATTEMPTS_SQL = `
  SELECT * FROM runs WHERE journey = $1 AND started_at_ms >= $2 AND started_at_ms <= $3
    AND location = $4 AND target_name = $5 AND session_id IS NOT DISTINCT FROM $6 AND attempt < $7 AND rolled_up = 1`;

/**
 * The watermarks, locked: saves share the lock, a fold takes it alone, so a fold never misses a
 * minute row that a save in flight is writing below the watermark it read.
 */
const WATERMARKS_SQL = (lock: 'SHARE' | 'UPDATE') => `SELECT resolution_ms, folded_before_ms FROM rollup_watermarks ORDER BY resolution_ms FOR ${lock}`;

/** The `rollups` side of the PostgreSQL store; writes run on the caller's transaction. */
export class PostgresRollups {
  constructor(private readonly registry: SeriesRegistry) {}

  /** Rolls up results whose runs this transaction has just inserted; resolves to the series ids written. */
  async record(client: PoolClient, results: readonly JourneyResult[]): Promise<number[]> {
    const batch = new RollupDeltaBatch(this.registry);
    for (const result of inAttemptOrder(results)) batch.addAttempt(result, await this.chainOf(client, result));
    return this.apply(client, batch.entries());
  }

  /** Rolls up at most `limit` runs stored without rollups, skipping runs another replica is backfilling. */
  async backfill(client: PoolClient, limit: number): Promise<{ runs: number; seriesIds: number[] }> {
    const { rows } = await client.query<RunRow>(
      'SELECT * FROM runs WHERE rolled_up = 0 ORDER BY started_at_ms, attempt, id LIMIT $1 FOR UPDATE SKIP LOCKED',
      [limit],
    );
    if (rows.length === 0) return { runs: 0, seriesIds: [] };
    // Marked first (the rows are locked by this transaction) so later attempts in the batch find earlier ones.
    await client.query('UPDATE runs SET rolled_up = 1 WHERE id = ANY($1)', [rows.map((r) => r.id)]);
    const batch = new RollupDeltaBatch(this.registry);
    for (const result of await loadResults(client, rows)) batch.addAttempt(result, await this.chainOf(client, result));
    return { runs: rows.length, seriesIds: await this.apply(client, batch.entries()) };
  }

  async listSeries(pool: Queryable, filter: { journeys?: readonly string[] } = {}): Promise<RollupSeries[]> {
    const journeys = filter.journeys;
    const where = journeys === undefined ? '' : 'WHERE journey = ANY($1)';
    const { rows } = await pool.query<RollupSeries>(
      `SELECT id, journey, step, target, location FROM rollup_series ${where}
       ORDER BY journey COLLATE "C", step COLLATE "C", target COLLATE "C", location COLLATE "C"`,
      journeys === undefined ? [] : [[...journeys]],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  async sum(pool: Queryable, range: RollupRange, cuts: readonly number[]): Promise<RollupSum[]> {
    checkRange(range, cuts);
    const { where, params } = this.where(range);
    const { rows } = await pool.query(`SELECT ${sumSelectList(cuts)} FROM rollups ${where} GROUP BY series_id ORDER BY series_id`, params);
    return rows.map((row: Record<string, unknown>) => toRollupSum(row, cuts));
  }

  async rows(pool: Queryable, range: RollupRange): Promise<RollupRow[]> {
    checkRange(range);
    const { where, params } = this.where(range);
    const { rows } = await pool.query(`SELECT * FROM rollups ${where} ORDER BY start_ms, series_id`, params);
    return rows.map(toRollupRow);
  }

  async minuteStates(pool: Queryable, range: Omit<RollupRange, 'resolution'>): Promise<MinuteStatesRow[]> {
    checkRange(range);
    const folded = (await watermarks(pool)).hour;
    const { where, params } = this.where({ ...range, resolution: 'hour', toMs: Math.min(range.toMs, folded) });
    const { rows } = await pool.query<{ series_id: number; start_ms: number; minute_states: string | null }>(
      `SELECT series_id, start_ms, minute_states FROM rollups ${where} ORDER BY start_ms, series_id`,
      params,
    );
    const fromHours = rows.map((row) => ({ seriesId: Number(row.series_id), startMs: Number(row.start_ms), states: row.minute_states ?? NO_MINUTES }));
    const from = Math.max(range.fromMs, folded);
    if (from >= range.toMs) return fromHours;
    const filter = range.seriesIds === undefined ? '' : ` AND ${anyOf(3)}`;
    const minuteParams: unknown[] = range.seriesIds === undefined ? [from, range.toMs] : [from, range.toMs, [...range.seriesIds]];
    const minutes = await pool.query<{ series_id: number; start_ms: number; state: string }>(minuteStatesSql(p, filter), minuteParams);
    return [...fromHours, ...hourStates(minutes.rows)];
  }

  async timesliceDays(pool: Queryable, query: { fromMs: number; toMs: number; journeys?: readonly string[] }): Promise<TimesliceDays> {
    checkRange(query);
    const marks = await watermarks(pool);
    const { rows: from } = await pool.query<{ f: string }>('SELECT summarized_from_ms AS f FROM timeslice_watermark');
    const { rows: oldest } = await pool.query<{ oldest: string | null }>('SELECT MIN(start_ms) AS oldest FROM rollups WHERE resolution_ms = $1', [RESOLUTION_MS.hour]);
    const oldestHour = oldest[0]?.oldest;
    const summarized = summarizedRange(from[0] === undefined ? marks.day : Number(from[0].f), oldestHour === null || oldestHour === undefined ? undefined : Number(oldestHour), marks.day);
    const journeys = query.journeys;
    const sql = selectTimesliceDaysSql(p, journeys === undefined ? 'all' : 'some', (n) => `journey = ANY($${n})`);
    const { rows } = await pool.query(sql, journeys === undefined ? [query.fromMs, query.toMs] : [query.fromMs, query.toMs, [...journeys]]);
    return { summarized, days: rows.map(toTimesliceDay) };
  }

  async coverage(pool: Queryable): Promise<RollupCoverage> {
    const { rows } = await pool.query<{ resolution_ms: number; oldest: number }>('SELECT resolution_ms, MIN(start_ms) AS oldest FROM rollups GROUP BY resolution_ms');
    const oldest = (resolution: RollupResolution) => {
      const found = rows.find((r) => Number(r.resolution_ms) === RESOLUTION_MS[resolution]);
      return found === undefined ? undefined : Number(found.oldest);
    };
    const folded = await watermarks(pool);
    return { minute: { fromMs: oldest('minute') }, hour: { fromMs: oldest('hour'), toMs: folded.hour }, day: { fromMs: oldest('day'), toMs: folded.day } };
  }

  async foldNext(client: PoolClient, resolution: 'hour' | 'day', untilMs: number): Promise<number | undefined> {
    const marks = await watermarks(client, 'UPDATE');
    const finer = finerOf(resolution);
    const { rows } = await client.query<{ next: number | null }>('SELECT MIN(start_ms) AS next FROM rollups WHERE resolution_ms = $1 AND start_ms >= $2', [
      RESOLUTION_MS[finer],
      marks[resolution],
    ]);
    const next = rows[0]?.next;
    const plan = nextFold(resolution, marks, next === null || next === undefined ? undefined : Number(next), untilMs);
    if (plan.fold !== undefined) {
      await client.query(foldSql(finer, resolution, p), [plan.fold.fromMs, plan.fold.toMs]);
      if (resolution === 'hour') await writeHourStates(client, plan.fold.fromMs, plan.fold.toMs);
      else await summarizeDay(client, plan.fold.fromMs);
    }
    if (plan.watermark !== marks[resolution]) {
      await client.query('UPDATE rollup_watermarks SET folded_before_ms = $1 WHERE resolution_ms = $2', [plan.watermark, RESOLUTION_MS[resolution]]);
    }
    return plan.fold?.fromMs;
  }

  async deleteBefore(pool: Queryable, resolution: RollupResolution, before: Date, limit: number): Promise<number> {
    const coarser = coarserOf(resolution);
    const beforeMs = Math.min(checkDelete(resolution, before, limit), coarser === undefined ? Infinity : (await watermarks(pool))[coarser]);
    const sql = `DELETE FROM rollups WHERE resolution_ms = $1 AND (start_ms, series_id) IN (
      SELECT start_ms, series_id FROM rollups WHERE resolution_ms = $1 AND start_ms < $2 ORDER BY start_ms LIMIT $3)`;
    const deleted = (await pool.query(sql, [RESOLUTION_MS[resolution], beforeMs, limit])).rowCount ?? 0;
    // Summaries of days whose hours are gone can no longer be used (see summarizedRange).
    if (resolution === 'hour') await pool.query(`DELETE FROM timeslice_days WHERE day_ms + ${RESOLUTION_MS.day} <= $1`, [beforeMs]);
    return deleted;
  }

  private where(range: RollupRange) {
    return rangeWhere(range, p, anyOf, (ids) => [...ids]);
  }

  private async chainOf(client: PoolClient, result: JourneyResult): Promise<JourneyResult[]> {
    if (result.attempt <= 1) return [];
    const startedAtMs = Date.parse(result.startedAt);
    const { rows } = await client.query<RunRow>(EARLIER_ATTEMPTS_SQL, [
      result.journey,
      startedAtMs - PROBE_LOOKBACK_MS,
      startedAtMs,
      result.location,
      result.target.name,
      result.sessionId ?? null,
      result.attempt,
    ]);
    return probeChain(result, await loadResults(client, rows));
  }

  private async apply(client: PoolClient, deltas: readonly RollupDelta[]): Promise<number[]> {
    if (deltas.length === 0) return [];
    const unstored = this.registry.unstored(deltas);
    if (unstored.length > 0) await client.query(INSERT_SERIES_SQL, [JSON.stringify(unstored)]);
    const marks = await watermarks(client, 'SHARE');
    const minutes = deltas.map((d) => deltaRow(RESOLUTION_MS.minute, d.minuteMs, d.series.id, d.counts, null));
    const { rows: states } = await client.query<{ series_id: number; start_ms: number; state: string }>(MINUTE_UPSERT_SQL, [JSON.stringify(minutes)]);
    const late = deltas.filter((d) => d.minuteMs < marks.hour);
    if (late.length > 0) await applyLate(client, late, marks, states);
    for (const group of lateGroupDays(late, marks.day)) await summarizeGroupDay(client, group);
    return unstored.map((s) => s.id);
  }
}

/**
 * Adds deltas for minutes already folded to the hour rows (and day rows, when folded that far too),
 * and sets those minutes' states from the updated minute rows.
 */
async function applyLate(client: PoolClient, late: readonly RollupDelta[], marks: Watermarks, states: readonly { series_id: number; start_ms: number; state: string }[]) {
  const sums = new Map<string, { resolutionMs: number; startMs: number; seriesId: number; counts: DeltaCounts }>();
  const add = (resolutionMs: number, delta: RollupDelta) => {
    const startMs = bucketStart(delta.minuteMs, resolutionMs);
    const key = `${resolutionMs}:${startMs}:${delta.series.id}`;
    let sum = sums.get(key);
    if (sum === undefined) sums.set(key, (sum = { resolutionMs, startMs, seriesId: delta.series.id, counts: emptyDelta() }));
    addDelta(sum.counts, delta.counts);
  };
  for (const delta of late) {
    add(RESOLUTION_MS.hour, delta);
    if (delta.minuteMs < marks.day) add(RESOLUTION_MS.day, delta);
  }
  const rows = [...sums.values()]
    .sort((a, b) => a.resolutionMs - b.resolutionMs || a.startMs - b.startMs || a.seriesId - b.seriesId)
    .map((s) => deltaRow(s.resolutionMs, s.startMs, s.seriesId, s.counts, s.resolutionMs === RESOLUTION_MS.hour ? NO_MINUTES : null));
  await client.query(COARSE_UPSERT_SQL, [JSON.stringify(rows)]);
  const lateKeys = new Set(late.map((d) => `${d.minuteMs}:${d.series.id}`));
  const patches = new Map<string, { start_ms: number; series_id: number; patch: string[] }>();
  for (const { series_id, start_ms, state } of states) {
    const minuteMs = Number(start_ms);
    if (!lateKeys.has(`${minuteMs}:${Number(series_id)}`)) continue;
    const hourMs = bucketStart(minuteMs, RESOLUTION_MS.hour);
    const key = `${hourMs}:${series_id}`;
    let patch = patches.get(key);
    if (patch === undefined) patches.set(key, (patch = { start_ms: hourMs, series_id: Number(series_id), patch: new Array<string>(60).fill(' ') }));
    patch.patch[(minuteMs - hourMs) / RESOLUTION_MS.minute] = state;
  }
  await client.query(PATCH_STATES_SQL, [JSON.stringify([...patches.values()].map((patch) => ({ ...patch, patch: patch.patch.join('') })))]);
}

async function watermarks(client: Queryable, lock?: 'SHARE' | 'UPDATE'): Promise<Watermarks> {
  const sql = lock === undefined ? 'SELECT resolution_ms, folded_before_ms FROM rollup_watermarks' : WATERMARKS_SQL(lock);
  const { rows } = await client.query<{ resolution_ms: number; folded_before_ms: number }>(sql);
  const of = (ms: number) => Number(rows.find((r) => Number(r.resolution_ms) === ms)?.folded_before_ms ?? 0);
  return { hour: of(RESOLUTION_MS.hour), day: of(RESOLUTION_MS.day) };
}

async function writeHourStates(client: PoolClient, fromMs: number, toMs: number): Promise<void> {
  const { rows } = await client.query<{ series_id: number; start_ms: number; state: string }>(minuteStatesSql(p), [fromMs, toMs]);
  const hours = hourStates(rows).map((h) => ({ start_ms: h.startMs, series_id: h.seriesId, states: h.states }));
  await client.query(
    `UPDATE rollups AS r SET minute_states = h.states
     FROM json_to_recordset($1::json) AS h(start_ms BIGINT, series_id BIGINT, states TEXT)
     WHERE r.resolution_ms = ${RESOLUTION_MS.hour} AND r.start_ms = h.start_ms AND r.series_id = h.series_id`,
    [JSON.stringify(hours)],
  );
}

const INSERT_DAYS_SQL = `
  INSERT INTO timeslice_days (journey, step, target, day_ms, minutes_json)
  SELECT journey, step, target, day_ms, minutes_json
  FROM json_to_recordset($1::json) AS d(journey TEXT, step TEXT, target TEXT, day_ms BIGINT, minutes_json TEXT)`;

const daysJson = (days: readonly TimesliceDay[]) =>
  JSON.stringify(days.map((d) => ({ journey: d.journey, step: d.step, target: d.target, day_ms: d.dayMs, minutes_json: JSON.stringify(d.minutes) })));

/** Writes the time-slice summaries of every group for one folded day (the fold holds the watermarks lock alone). */
async function summarizeDay(client: PoolClient, dayMs: number): Promise<void> {
  const { rows } = await client.query<HourStatesRow>(hourStatesForDaysSql(p, false), [dayMs, dayMs + RESOLUTION_MS.day]);
  await client.query('DELETE FROM timeslice_days WHERE day_ms = $1', [dayMs]);
  await client.query(INSERT_DAYS_SQL, [daysJson(summarizeDays(rows))]);
}

/**
 * Summarizes one group's day again after late results changed its hours. Concurrent saves can do this
 * for the same group and day: the summary row is locked first, so whoever summarizes last reads every
 * hour change committed before it and its own.
 */
async function summarizeGroupDay(client: PoolClient, group: TimesliceGroupDay): Promise<void> {
  const key = [group.journey, group.step, group.target, group.dayMs];
  const where = 'journey = $1 AND step = $2 AND target = $3 AND day_ms = $4';
  await client.query(`INSERT INTO timeslice_days (journey, step, target, day_ms, minutes_json) VALUES ($1, $2, $3, $4, '{}') ON CONFLICT DO NOTHING`, key);
  await client.query(`SELECT 1 FROM timeslice_days WHERE ${where} FOR UPDATE`, key);
  const { rows } = await client.query<HourStatesRow>(hourStatesForDaysSql(p, true), [group.dayMs, group.dayMs + RESOLUTION_MS.day, group.journey, group.step, group.target]);
  const minutes = summarizeDays(rows)[0]?.minutes ?? {};
  await client.query(`UPDATE timeslice_days SET minutes_json = $5 WHERE ${where}`, [...key, JSON.stringify(minutes)]);
}

async function loadResults(client: Queryable, runs: readonly RunRow[]): Promise<JourneyResult[]> {
  if (runs.length === 0) return [];
  const { rows } = await client.query<StepRow>('SELECT * FROM steps WHERE run_id = ANY($1) ORDER BY step_index', [runs.map((r) => r.id)]);
  const stepsOf = groupByRun(rows);
  return runs.map((run) => fromRows(run, stepsOf.get(run.id) ?? []));
}
