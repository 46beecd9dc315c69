/** SQL text and row mapping for the `rollups` table that both stores share. */
import { LATENCY_BUCKETS } from '../scoring/index.js';
import {
  ANY_PASS_COLUMNS,
  COUNT_COLUMNS,
  FIRST_PASS_COLUMNS,
  MINUTE_STATE,
  minuteStateSql,
  RESOLUTION_MS,
  RESOLUTIONS,
  type RollupResolution,
} from './rollup-columns.js';
import { histogramChanges, type DeltaCounts } from './rollup-deltas.js';
import type { MinuteStatesRow, RollupRange, RollupRow, RollupSum } from './rollup-store.js';
import { StoreError } from './store-errors.js';

/**
 * `column = column + excluded.column` for every additive column. Histogram columns hold NULL for 0,
 * so a NULL on either side keeps the other.
 */
export function additiveAssignments(table = 'rollups'): string {
  const counts = COUNT_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`);
  const histogram = [...FIRST_PASS_COLUMNS, ...ANY_PASS_COLUMNS].map(
    (c) => `${c} = CASE WHEN excluded.${c} IS NULL THEN ${table}.${c} ELSE COALESCE(${table}.${c}, 0) + excluded.${c} END`,
  );
  return [...counts, ...histogram].join(',\n  ');
}

/** Hour rows start with no minute known. */
export const NO_MINUTES = MINUTE_STATE.none.repeat(60);

/** The select list of a summing query: totals per series and, per cut, the two "within" sums. */
export function sumSelectList(cuts: readonly number[]): string {
  // Summing the buckets above a cut from the total of passes is fewer terms than summing those below
  // it, for high cuts; every bucket (availability) needs none at all.
  const within = (columns: readonly string[], passes: string, cut: number) => {
    if (cut < 0) return '0';
    const below = columns.slice(0, cut + 1).map((c) => `COALESCE(${c}, 0)`);
    const above = columns.slice(cut + 1).map((c) => `COALESCE(${c}, 0)`);
    if (above.length === 0) return passes;
    return below.length <= above.length ? below.join(' + ') : `${passes} - (${above.join(' + ')})`;
  };
  const perCut = cuts.flatMap((cut, i) => [
    `SUM(${within(FIRST_PASS_COLUMNS, '(runs - bad - degraded)', cut)}) AS first_within_${i}`,
    `SUM(${within(ANY_PASS_COLUMNS, '(runs - bad)', cut)}) AS any_within_${i}`,
  ]);
  return ['series_id', ...COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`), ...perCut].join(', ');
}

/** A summing query's row as a {@link RollupSum}. */
export function toRollupSum(row: Record<string, unknown>, cuts: readonly number[]): RollupSum {
  return {
    seriesId: Number(row.series_id),
    runs: Number(row.runs),
    bad: Number(row.bad),
    degraded: Number(row.degraded),
    invalid: Number(row.invalid),
    firstPassWithin: cuts.map((_, i) => Number(row[`first_within_${i}`])),
    anyPassWithin: cuts.map((_, i) => Number(row[`any_within_${i}`])),
  };
}

/** A stored row as a {@link RollupRow}. */
export function toRollupRow(row: Record<string, unknown>): RollupRow {
  const count = (column: string) => Number(row[column] ?? 0);
  return {
    seriesId: Number(row.series_id),
    resolution: resolutionOf(Number(row.resolution_ms)),
    startMs: Number(row.start_ms),
    counts: {
      runs: count('runs'),
      bad: count('bad'),
      degraded: count('degraded'),
      invalid: count('invalid'),
      firstPass: FIRST_PASS_COLUMNS.map(count),
      anyPass: ANY_PASS_COLUMNS.map(count),
    },
  };
}

function resolutionOf(ms: number): RollupResolution {
  const found = RESOLUTIONS.find((r) => RESOLUTION_MS[r] === ms);
  if (found === undefined) throw new StoreError('rollups', 'failed', `unknown rollup resolution ${ms} ms`);
  return found;
}

/** Throws an `invalid` StoreError unless the range and cuts can be queried. */
export function checkRange(range: { resolution?: RollupResolution; fromMs: number; toMs: number }, cuts: readonly number[] = []): void {
  if (range.resolution !== undefined && !RESOLUTIONS.includes(range.resolution)) {
    throw new StoreError('rollups', 'invalid', `resolution must be one of ${RESOLUTIONS.join(', ')}, got ${String(range.resolution)}`);
  }
  if (!Number.isFinite(range.fromMs) || !Number.isFinite(range.toMs)) throw new StoreError('rollups', 'invalid', 'the range must be finite epoch milliseconds');
  for (const cut of cuts) {
    if (!Number.isInteger(cut) || cut < -1 || cut >= LATENCY_BUCKETS) throw new StoreError('rollups', 'invalid', `a latency cut must be a bucket index from -1 to ${LATENCY_BUCKETS - 1}, got ${cut}`);
  }
}

/** Throws an `invalid` StoreError unless a delete's cutoff and limit can be used. */
export function checkDelete(resolution: RollupResolution, before: Date, limit: number): number {
  checkRange({ resolution, fromMs: 0, toMs: 0 });
  const beforeMs = before.getTime();
  if (Number.isNaN(beforeMs)) throw new StoreError('delete', 'invalid', 'the cutoff is not a time');
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreError('delete', 'invalid', `limit must be a whole number ≥ 1, got ${limit}`);
  return beforeMs;
}


/** Writes a placeholder for the n-th parameter (`?n` for SQLite, `$n` for PostgreSQL). */
export type NumberedPlaceholder = (n: number) => string;

/**
 * Folds the rows of one resolution that start in `[p1, p2)` into the coarser resolution, adding to
 * rows that exist. Histogram sums of nothing but NULLs stay NULL.
 */
export function foldSql(from: RollupResolution, to: RollupResolution, p: NumberedPlaceholder): string {
  const width = RESOLUTION_MS[to];
  const sums = [...COUNT_COLUMNS, ...FIRST_PASS_COLUMNS, ...ANY_PASS_COLUMNS].map((c) => `SUM(${c})`);
  const columns = [...COUNT_COLUMNS, ...FIRST_PASS_COLUMNS, ...ANY_PASS_COLUMNS].join(', ');
  return `
    INSERT INTO rollups (resolution_ms, start_ms, series_id, ${columns})
    SELECT ${width}, (start_ms / ${width}) * ${width}, series_id, ${sums.join(', ')}
    FROM rollups WHERE resolution_ms = ${RESOLUTION_MS[from]} AND start_ms >= ${p(1)} AND start_ms < ${p(2)}
    GROUP BY (start_ms / ${width}), series_id
    ON CONFLICT (resolution_ms, start_ms, series_id) DO UPDATE SET
    ${additiveAssignments()}`;
}

/** The minute rows' states in `[p1, p2)`, for building hour rows' `minute_states`. */
export function minuteStatesSql(p: NumberedPlaceholder, seriesFilter = ''): string {
  return `SELECT series_id, start_ms, ${minuteStateSql()} AS state FROM rollups
    WHERE resolution_ms = ${RESOLUTION_MS.minute} AND start_ms >= ${p(1)} AND start_ms < ${p(2)}${seriesFilter}`;
}

/** Per series and hour, the 60-character state string of minute rows' states (minutes without a row are none). */
export function hourStates(rows: Iterable<{ series_id: unknown; start_ms: unknown; state: unknown }>): MinuteStatesRow[] {
  const hours = new Map<string, { seriesId: number; startMs: number; states: string[] }>();
  for (const row of rows) {
    const minuteMs = Number(row.start_ms);
    const seriesId = Number(row.series_id);
    const startMs = Math.floor(minuteMs / RESOLUTION_MS.hour) * RESOLUTION_MS.hour;
    const key = `${startMs}:${seriesId}`;
    let hour = hours.get(key);
    if (hour === undefined) hours.set(key, (hour = { seriesId, startMs, states: NO_MINUTES.split('') }));
    hour.states[(minuteMs - startMs) / RESOLUTION_MS.minute] = String(row.state);
  }
  return [...hours.values()]
    .map((h) => ({ seriesId: h.seriesId, startMs: h.startMs, states: h.states.join('') }))
    .sort((a, b) => a.startMs - b.startMs || a.seriesId - b.seriesId);
}

/** A range's WHERE clause; the series filter is the dialect's (`json_each` or `ANY`). */
export function rangeWhere(range: RollupRange, p: NumberedPlaceholder, seriesFilter: (n: number) => string, seriesParam: (ids: readonly number[]) => unknown) {
  const params: unknown[] = [RESOLUTION_MS[range.resolution], range.fromMs, range.toMs];
  let where = `WHERE resolution_ms = ${p(1)} AND start_ms >= ${p(2)} AND start_ms < ${p(3)}`;
  if (range.seriesIds !== undefined) {
    where += ` AND ${seriesFilter(4)}`;
    params.push(seriesParam(range.seriesIds));
  }
  return { where, params };
}

/**
 * The SQL that adds a delta's non-zero columns to a row (only those, so binding stays cheap):
 * `columns` are indexes into ADDITIVE order; counts are always included.
 */
export function upsertSql(columns: readonly number[], p: NumberedPlaceholder, withState: boolean): string {
  const names = columns.map((i) => ADDITIVE[i]!);
  const insertColumns = ['resolution_ms', 'start_ms', 'series_id', ...names];
  const sets = names.map((c, i) => (i < COUNT_COLUMNS.length ? `${c} = rollups.${c} + excluded.${c}` : `${c} = COALESCE(rollups.${c}, 0) + excluded.${c}`));
  const width = insertColumns.length + (withState ? 1 : 0);
  if (withState) {
    // Then: the whole string for a new row, the minute's position and its state.
    insertColumns.push('minute_states');
    sets.push(`minute_states = substr(COALESCE(rollups.minute_states, '${NO_MINUTES}'), 1, ${p(width + 1)}) || ${p(width + 2)} || substr(COALESCE(rollups.minute_states, '${NO_MINUTES}'), ${p(width + 1)} + 2)`);
  }
  const values = Array.from({ length: width }, (_, c) => p(c + 1)).join(', ');
  return `INSERT INTO rollups (${insertColumns.join(', ')}) VALUES (${values})
    ON CONFLICT (resolution_ms, start_ms, series_id) DO UPDATE SET ${sets.join(', ')}`;
}

const ADDITIVE: readonly string[] = [...COUNT_COLUMNS, ...FIRST_PASS_COLUMNS, ...ANY_PASS_COLUMNS];

/**
 * A delta's columns to write (indexes in ADDITIVE order: the counts, then the changed buckets in
 * order), their values, and a key that names that set of columns.
 */
export function touchedColumns(counts: DeltaCounts): { columns: number[]; values: number[]; key: string } {
  const columns = [0, 1, 2, 3];
  const values = [counts.runs, counts.bad, counts.degraded, counts.invalid];
  let key = '';
  for (const [bucket, n] of histogramChanges(counts)) {
    columns.push(COUNT_COLUMNS.length + bucket);
    values.push(n);
    key += `${bucket},`;
  }
  return { columns, values, key };
}

/** A delta as a JSON row of the `rollups` table (histogram zeros as NULL), for PostgreSQL's batch statements. */
export function deltaRow(resolutionMs: number, startMs: number, seriesId: number, counts: DeltaCounts, minuteStates: string | null): Record<string, unknown> {
  const row: Record<string, unknown> = {
    resolution_ms: resolutionMs,
    start_ms: startMs,
    series_id: seriesId,
    runs: counts.runs,
    bad: counts.bad,
    degraded: counts.degraded,
    invalid: counts.invalid,
    minute_states: minuteStates,
  };
  for (const [bucket, n] of histogramChanges(counts)) row[ADDITIVE[COUNT_COLUMNS.length + bucket]!] = n;
  return row;
}
