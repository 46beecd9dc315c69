/**
 * The layout of the `rollups` table, shared by both stores. One row counts the probes of one
 * series (journey, step, target, location) whose first attempt started in one bucket (a minute,
 * an hour or a UTC day):
 * - `runs`: valid probes, the SLO events; `bad`: probes with no passing attempt; `degraded`: probes
 *   that passed only after a failed attempt; `invalid`: probes with nothing to judge (Outpost's own
 *   errors, aborted runs, a step never reached), not events;
 * - `first_pass_bNN`: probes whose first valid attempt passed, by latency bucket of that attempt;
 * - `any_pass_bNN`: probes that passed at all, by latency bucket of their fastest passing attempt;
 *   together they give good, degraded and bad for any latency threshold on a bucket bound;
 * - `minute_states` (hour rows only): 60 characters, one per minute of the hour, saying how this
 *   location did in that minute, for time-slice budgeting (see {@link MINUTE_STATE}).
 * A histogram column is NULL where its count is 0, which keeps rows small (PostgreSQL stores NULL
 * in a bitmap).
 *
 * Saving a run writes minute rows only. Compaction later folds whole minutes into hour rows and
 * whole hours into day rows, in short batches, and records how far it got in `rollup_watermarks`
 * (`folded_before_ms` per coarse resolution). A result that arrives for a minute already folded
 * is added to the minute row and to the coarse rows too, so every resolution stays exact: minute
 * rows hold everything from the oldest kept minute on, hour rows everything before the hour
 * watermark (from the oldest kept hour), day rows everything before the day watermark.
 */
import { LATENCY_BUCKETS } from '../scoring/index.js';

/** Rollup granularities and their bucket widths. */
export const RESOLUTION_MS = Object.freeze({ minute: 60_000, hour: 3_600_000, day: 86_400_000 });
export type RollupResolution = keyof typeof RESOLUTION_MS;
export const RESOLUTIONS: readonly RollupResolution[] = ['minute', 'hour', 'day'];

/**
 * How many histogram buckets migration 4 created. The bounds are part of the schema: changing
 * `LATENCY_BOUNDS_MS` needs a new migration, and a test checks that they still match.
 */
export const SCHEMA_LATENCY_BUCKETS = 33;

const bucketColumns = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}_b${String(i).padStart(2, '0')}`);

export const FIRST_PASS_COLUMNS: readonly string[] = bucketColumns('first_pass', LATENCY_BUCKETS);
export const ANY_PASS_COLUMNS: readonly string[] = bucketColumns('any_pass', LATENCY_BUCKETS);
export const COUNT_COLUMNS = ['runs', 'bad', 'degraded', 'invalid'] as const;
export const KEY_COLUMNS = ['resolution_ms', 'start_ms', 'series_id'] as const;
/** Every column that adds up: counts, then both histograms. */
export const ADDITIVE_COLUMNS: readonly string[] = [...COUNT_COLUMNS, ...FIRST_PASS_COLUMNS, ...ANY_PASS_COLUMNS];

/**
 * One character per minute in `minute_states`, ordered so that a worse state sorts higher:
 * no valid probe, then the latency bucket of the slowest "fastest pass" (a location fails a
 * latency slice when it is above the threshold's bucket), then a probe with no passing attempt.
 */
export const MINUTE_STATE = Object.freeze({
  none: '.',
  /** Bucket `i` is `String.fromCharCode(firstBucketCode + i)`: 'A' for bucket 0. */
  firstBucketCode: 0x41,
  bad: '~',
});

/** The state character of a latency bucket. */
export function bucketState(bucket: number): string {
  return String.fromCharCode(MINUTE_STATE.firstBucketCode + bucket);
}

/** The SQL that computes a row's minute state from its counts (used on minute rows). */
export function minuteStateSql(): string {
  const buckets = ANY_PASS_COLUMNS.map((column, i) => ({ column, state: bucketState(i) })).reverse();
  const whens = buckets.map(({ column, state }) => `WHEN COALESCE(${column}, 0) > 0 THEN '${state}'`).join(' ');
  return `CASE WHEN bad > 0 THEN '${MINUTE_STATE.bad}' WHEN runs <= 0 THEN '${MINUTE_STATE.none}' ${whens} ELSE '${MINUTE_STATE.none}' END`;
}

/** The table definition of migration 4, frozen at 33 buckets (see {@link SCHEMA_LATENCY_BUCKETS}). */
export function rollupTablesSql(options: { withoutRowid: boolean }): string {
  const histogram = [...bucketColumns('first_pass', SCHEMA_LATENCY_BUCKETS), ...bucketColumns('any_pass', SCHEMA_LATENCY_BUCKETS)]
    .map((column) => `${column} INTEGER`)
    .join(',\n        ');
  return `
      ALTER TABLE runs ADD COLUMN rolled_up INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX runs_not_rolled_up ON runs (started_at_ms) WHERE rolled_up = 0;

      CREATE TABLE rollup_series (
        id BIGINT PRIMARY KEY,
        journey TEXT NOT NULL,
        step TEXT NOT NULL,
        target TEXT NOT NULL,
        location TEXT NOT NULL
      );

      CREATE TABLE rollups (
        resolution_ms INTEGER NOT NULL,
        start_ms BIGINT NOT NULL,
        series_id BIGINT NOT NULL,
        runs INTEGER NOT NULL DEFAULT 0,
        bad INTEGER NOT NULL DEFAULT 0,
        degraded INTEGER NOT NULL DEFAULT 0,
        invalid INTEGER NOT NULL DEFAULT 0,
        ${histogram},
        minute_states TEXT,
        PRIMARY KEY (resolution_ms, start_ms, series_id)
      )${options.withoutRowid ? ' WITHOUT ROWID' : ''};

      CREATE TABLE rollup_watermarks (
        resolution_ms INTEGER PRIMARY KEY,
        folded_before_ms BIGINT NOT NULL
      );
      INSERT INTO rollup_watermarks (resolution_ms, folded_before_ms) VALUES (3600000, 0), (86400000, 0);
    `;
}
