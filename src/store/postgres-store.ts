import type { Pool } from 'pg';
import type { JourneyResult } from '../journey/index.js';
import type { CoverageRow } from './coverage.js';
import { coverageSql, toCoverageRow } from './coverage-query.js';
import { ENDPOINT_COLUMNS, fromEndpointRow, toEndpointRows, type EndpointRow } from './endpoint-rows.js';
import { openMigratedPostgresPool } from './postgres-database.js';
import { postgresStoreError } from './postgres-error.js';
import type { PostgresPoolOptions } from './postgres-pool.js';
import type { ResultStore, RunQuery } from './result-store.js';
import type { AlertStore } from './alert-store.js';
import { POSTGRES_DIALECT } from './alert-programs.js';
import { postgresProgramRunner } from './postgres-program-runner.js';
import { SqlAlertStore } from './sql-alert-store.js';
import { checkPage, numberedPlaceholder, runFilter } from './run-filter.js';
import { deleteRunsBeforeStatement } from './retention-query.js';
import { JOURNEY_NAMES_SQL } from './journey-names-query.js';
import { StoreError } from './store-errors.js';
import type { GateSession, GateSessionQuery } from './gate-session.js';
import { fromGateSessionRow, gateSessionParams, insertGateSessionSql, selectGateSessions, type GateSessionRow } from './gate-session-rows.js';
import { RUN_COLUMNS, STEP_COLUMNS, fromRows, groupByRun, toRunRow, toStepRows, type RunRow, type StepRow } from './run-rows.js';
import { inPostgresTransaction } from './postgres-transaction.js';
import { PostgresRollups } from './postgres-rollups.js';
import type { RollupStore } from './rollup-store.js';
import { SeriesRegistry } from './rollup-series.js';

/** How the PostgreSQL store connects; see {@link PostgresPoolOptions}. */
export type PostgresStoreOptions = PostgresPoolOptions;

// Text sort keys compare bytes, as SQLite does, whatever collation the database was created with.
const BYTES = ' COLLATE "C"';

/*
 * One statement saves a whole batch: its runs, steps and endpoints. A single statement is atomic,
 * so the batch is one transaction without BEGIN/COMMIT round trips. Each table's rows travel as one
 * JSON array that json_populate_recordset turns into rows of that table's own column types: three
 * parameters whatever the batch size (PostgreSQL allows 65535 per statement) and no per-column
 * type list to keep in step with the migrations. Foreign keys are checked at the end of the
 * statement, when the runs of the same batch are there.
 */
const SAVE_SQL = `
  WITH saved_runs AS (${insertFromJson('runs', RUN_COLUMNS, '$1')}),
       saved_steps AS (${insertFromJson('steps', STEP_COLUMNS, '$2')})
  ${insertFromJson('endpoints', ENDPOINT_COLUMNS, '$3')}`;

/**
 * A {@link ResultStore} in a PostgreSQL database, through a `pg` connection pool. Several
 * processes (replicas) may share one database: each opens its own store.
 */
export class PostgresResultStore implements ResultStore {
  private closed = false;
  readonly alerts: AlertStore;
  private readonly series = new SeriesRegistry();
  private readonly rollupTables = new PostgresRollups(this.series);
  readonly rollups: RollupStore;

  private constructor(
    private readonly pool: Pool,
    private readonly secrets: readonly string[],
  ) {
    this.alerts = new SqlAlertStore(postgresProgramRunner(pool, secrets, () => this.closed), POSTGRES_DIALECT);
    this.rollups = this.rollupStore();
  }

  /**
   * Connects to `url` and migrates the database. Throws `SchemaVersionError` when it was written by
   * a newer schema, `StoreError` otherwise (`busy` when the server cannot be reached). No message
   * carries the URL's password.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresResultStore> {
    const { pool, secrets } = await openMigratedPostgresPool(url, options);
    return new PostgresResultStore(pool, secrets);
  }

  async saveRun(result: JourneyResult): Promise<void> {
    await this.saveRuns([result]);
  }

  async saveRuns(results: readonly JourneyResult[]): Promise<void> {
    await this.guard('save', async () => {
      if (results.length === 0) return;
      const runs = results.map(toRunRow);
      const steps = results.flatMap(toStepRows);
      const endpoints = results.flatMap(toEndpointRows);
      // One transaction: rollups never disagree with the runs they count.
      const written = await inPostgresTransaction(this.pool, async (client) => {
        await client.query(SAVE_SQL, [JSON.stringify(runs), JSON.stringify(steps), JSON.stringify(endpoints)]);
        return this.rollupTables.record(client, results);
      });
      this.series.markStored(written);
    });
  }

  async getRun(id: string): Promise<JourneyResult | undefined> {
    return this.guard('get', async () => {
      const { rows } = await this.pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return (await this.withChildren(rows))[0];
    });
  }

  async queryRuns(query: RunQuery = {}): Promise<JourneyResult[]> {
    return this.guard('query', async () => {
      checkPage(query);
      const { where, params } = runFilter(query, numberedPlaceholder);
      const page = `LIMIT ${numberedPlaceholder(params.length + 1)} OFFSET ${numberedPlaceholder(params.length + 2)}`;
      const sql = `SELECT * FROM runs ${where} ORDER BY started_at_ms DESC, id${BYTES} DESC ${page}`;
      // LIMIT NULL means no limit.
      const { rows } = await this.pool.query<RunRow>(sql, [...params, query.limit ?? null, query.offset ?? 0]);
      return this.withChildren(rows);
    });
  }

  async journeyNames(): Promise<string[]> {
    return this.guard('query', async () => {
      const { rows } = await this.pool.query<{ journey: string }>(JOURNEY_NAMES_SQL);
      // Sorted here, not by the database, so the order is byte order on both stores.
      return rows.map((row) => row.journey).sort();
    });
  }

  async countRuns(query: RunQuery = {}): Promise<number> {
    return this.guard('count', async () => {
      const { where, params } = runFilter(query, numberedPlaceholder);
      const { rows } = await this.pool.query<{ count: number }>(`SELECT COUNT(*) AS count FROM runs ${where}`, params);
      return rows[0]?.count ?? 0;
    });
  }

  async queryCoverage(query: RunQuery = {}): Promise<CoverageRow[]> {
    return this.guard('coverage', async () => {
      const { where, params } = runFilter(query, numberedPlaceholder);
      const { rows } = await this.pool.query<Record<string, unknown>>(coverageSql(where, BYTES), params);
      return rows.map(toCoverageRow);
    });
  }

  async deleteRunsBefore(before: Date, limit: number): Promise<number> {
    return this.guard('delete', async () => {
      const { sql, params } = deleteRunsBeforeStatement(before, limit, numberedPlaceholder);
      // One statement is its own transaction; rowCount counts the runs, not the cascaded rows.
      return (await this.pool.query(sql, params)).rowCount ?? 0;
    });
  }

  async saveGateSession(session: GateSession): Promise<void> {
    await this.guard('save', async () => {
      await this.pool.query(insertGateSessionSql(numberedPlaceholder), gateSessionParams(session));
    });
  }

  async getGateSession(id: string): Promise<GateSession | undefined> {
    return this.guard('get', async () => {
      const { rows } = await this.pool.query<GateSessionRow>('SELECT * FROM gate_sessions WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : fromGateSessionRow(rows[0]);
    });
  }

  async queryGateSessions(query: GateSessionQuery = {}): Promise<GateSession[]> {
    return this.guard('query', async () => {
      const { sql, params } = selectGateSessions(query, numberedPlaceholder, null, BYTES);
      const { rows } = await this.pool.query<GateSessionRow>(sql, params);
      return rows.map(fromGateSessionRow);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private rollupStore(): RollupStore {
    const tables = this.rollupTables;
    return {
      listSeries: (filter) => this.guard('rollups', () => tables.listSeries(this.pool, filter)),
      sum: (range, cuts = []) => this.guard('rollups', () => tables.sum(this.pool, range, cuts)),
      rows: (range) => this.guard('rollups', () => tables.rows(this.pool, range)),
      minuteStates: (range) => this.guard('rollups', () => tables.minuteStates(this.pool, range)),
      timesliceDays: (query) => this.guard('rollups', () => tables.timesliceDays(this.pool, query)),
      coverage: () => this.guard('rollups', () => tables.coverage(this.pool)),
      foldNext: (resolution, untilMs) => this.guard('fold', () => inPostgresTransaction(this.pool, (client) => tables.foldNext(client, resolution, untilMs))),
      deleteBefore: (resolution, before, limit) => this.guard('delete', () => tables.deleteBefore(this.pool, resolution, before, limit)),
      backfill: (limit) =>
        this.guard('backfill', async () => {
          const done = await inPostgresTransaction(this.pool, (client) => tables.backfill(client, limit));
          this.series.markStored(done.seriesIds);
          return done.runs;
        }),
    };
  }

  /** Loads the steps and endpoints of `runs` in two queries (not two per run: each is a round trip). */
  private async withChildren(runs: readonly RunRow[]): Promise<JourneyResult[]> {
    if (runs.length === 0) return [];
    const ids = runs.map((run) => run.id);
    const [steps, endpoints] = await Promise.all([
      this.pool.query<StepRow>('SELECT * FROM steps WHERE run_id = ANY($1) ORDER BY step_index', [ids]),
      this.pool.query<EndpointRow>(
        `SELECT * FROM endpoints WHERE run_id = ANY($1)
         ORDER BY step_index, host${BYTES}, path${BYTES}, method${BYTES}, status`,
        [ids],
      ),
    ]);
    const stepsOf = groupByRun(steps.rows);
    const endpointsOf = groupByRun(endpoints.rows);
    return runs.map((run) => {
      const result = fromRows(run, stepsOf.get(run.id) ?? []);
      const uses = endpointsOf.get(run.id);
      if (uses !== undefined) result.endpoints = uses.map(fromEndpointRow);
      return result;
    });
  }

  /** Turns whatever the driver throws into a StoreError, so callers can tell busy from broken. */
  private async guard<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(operation, 'closed', 'the store is closed');
    try {
      return await work();
    } catch (error) {
      // A call that was under way when close() ended the pool fails with the driver's "pool ended".
      if (this.closed) throw new StoreError(operation, 'closed', 'the store was closed during the call', { cause: error });
      throw postgresStoreError(operation, error, this.secrets);
    }
  }
}

function insertFromJson(table: string, columns: readonly string[], parameter: string): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, ${parameter}::json)`;
}
