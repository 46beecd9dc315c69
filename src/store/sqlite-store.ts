import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { JourneyResult } from '../journey/index.js';
import type { CoverageRow } from './coverage.js';
import { coverageSql, toCoverageRow } from './coverage-query.js';
import { ENDPOINT_COLUMNS, fromEndpointRow, toEndpointRows, type EndpointRow } from './endpoint-rows.js';
import type { ResultStore, RunQuery } from './result-store.js';
import type { AlertStore } from './alert-store.js';
import { SQLITE_DIALECT } from './alert-programs.js';
import { SqlAlertStore } from './sql-alert-store.js';
import { sqliteProgramRunner } from './sqlite-program-runner.js';
import { MIGRATIONS } from './migrations.js';
import { applyMigrations } from './sqlite-migrator.js';
import { inTransaction } from './sqlite-transaction.js';
import { toStoreError } from './sqlite-error.js';
import { SchemaVersionError, StoreError } from './store-errors.js';
import { RUN_COLUMNS, STEP_COLUMNS, fromRows, toRunRow, toStepRows, type RunRow, type StepRow } from './run-rows.js';
import { checkPage, questionMark, runFilter } from './run-filter.js';
import { deleteRunsBeforeStatement } from './retention-query.js';
import { JOURNEY_NAMES_SQL } from './journey-names-query.js';
import type { GateSession, GateSessionQuery } from './gate-session.js';
import { fromGateSessionRow, gateSessionParams, insertGateSessionSql, selectGateSessions, type GateSessionRow } from './gate-session-rows.js';
import type { RollupStore } from './rollup-store.js';
import { SeriesRegistry } from './rollup-series.js';
import { SqliteRollups } from './sqlite-rollups.js';

/** How the SQLite store opens its database. */
export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock before failing as `busy`. Default 5000. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const IN_MEMORY = ':memory:';

/** A {@link ResultStore} in one SQLite file, through Node's built-in `node:sqlite`. */
export class SqliteResultStore implements ResultStore {
  private readonly insertRun: StatementSync;
  private readonly insertStep: StatementSync;
  private readonly selectRun: StatementSync;
  private readonly selectSteps: StatementSync;
  private readonly insertEndpoint: StatementSync;
  private readonly selectEndpoints: StatementSync;
  readonly alerts: AlertStore;
  private readonly rollupTables: SqliteRollups;
  private readonly series = new SeriesRegistry();
  readonly rollups: RollupStore;

  private constructor(private readonly db: DatabaseSync) {
    this.alerts = new SqlAlertStore(sqliteProgramRunner(db), SQLITE_DIALECT);
    this.insertRun = db.prepare(insertSql('runs', RUN_COLUMNS));
    this.insertStep = db.prepare(insertSql('steps', STEP_COLUMNS));
    this.selectRun = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.selectSteps = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY step_index');
    this.insertEndpoint = db.prepare(insertSql('endpoints', ENDPOINT_COLUMNS));
    this.selectEndpoints = db.prepare('SELECT * FROM endpoints WHERE run_id = ? ORDER BY step_index, host, path, method, status');
    this.rollupTables = new SqliteRollups(db, this.series);
    this.rollups = this.rollupStore();
  }

  /**
   * Opens (creating it and its folder if needed) and migrates the database at `path`.
   * Throws `SchemaVersionError` when the file was written by a newer schema, `StoreError` otherwise.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteResultStore {
    let db: DatabaseSync | undefined;
    try {
      if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path, {
        timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
        enableForeignKeyConstraints: true,
      });
      // WAL lets readers (the dashboard, scoring) read while a probe writes. With WAL, NORMAL sync
      // cannot corrupt the file; a power cut may lose only the last commits, fine for probe results.
      // 16 KiB pages (only a new file takes them; an existing one keeps its page size): a batch's
      // index and rollup inserts dirty fewer pages, ~10% faster saves than 4 KiB (BENCHMARKS.md "Scale").
      db.exec('PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      applyMigrations(db, MIGRATIONS, path);
      return new SqliteResultStore(db);
    } catch (error) {
      db?.close();
      throw error instanceof SchemaVersionError ? error : toStoreError('open', error);
    }
  }

  async saveRun(result: JourneyResult): Promise<void> {
    await this.saveRuns([result]);
  }

  async saveRuns(results: readonly JourneyResult[]): Promise<void> {
    const written = this.write('save', () => {
      for (const result of results) {
        const run = toRunRow(result);
        this.insertRun.run(...RUN_COLUMNS.map((column) => run[column]));
        for (const step of toStepRows(result)) this.insertStep.run(...STEP_COLUMNS.map((column) => step[column]));
        for (const use of toEndpointRows(result)) this.insertEndpoint.run(...ENDPOINT_COLUMNS.map((column) => use[column]));
      }
      // In the same transaction: rollups never disagree with the runs they count.
      return this.rollupTables.record(results);
    });
    this.series.markStored(written);
  }

  async getRun(id: string): Promise<JourneyResult | undefined> {
    return this.guard('get', () => {
      const run = this.selectRun.get(id) as RunRow | undefined;
      return run === undefined ? undefined : this.withSteps(run);
    });
  }

  async queryRuns(query: RunQuery = {}): Promise<JourneyResult[]> {
    return this.guard('query', () => {
      checkPage(query);
      const { where, params } = runFilter(query);
      // SQLite needs a LIMIT before an OFFSET; -1 means no limit.
      const sql = `SELECT * FROM runs ${where} ORDER BY started_at_ms DESC, id DESC LIMIT ? OFFSET ?`;
      const rows = this.db.prepare(sql).all(...params, query.limit ?? -1, query.offset ?? 0) as unknown as RunRow[];
      return rows.map((run) => this.withSteps(run));
    });
  }

  async journeyNames(): Promise<string[]> {
    return this.guard('query', () => this.db.prepare(JOURNEY_NAMES_SQL).all().map((row) => String(row.journey)));
  }

  async countRuns(query: RunQuery = {}): Promise<number> {
    return this.guard('count', () => {
      const { where, params } = runFilter(query);
      const row = this.db.prepare(`SELECT COUNT(*) AS count FROM runs ${where}`).get(...params);
      return Number(row?.count ?? 0);
    });
  }

  async queryCoverage(query: RunQuery = {}): Promise<CoverageRow[]> {
    return this.guard('coverage', () => {
      const { where, params } = runFilter(query);
      return this.db.prepare(coverageSql(where)).all(...params).map(toCoverageRow);
    });
  }

  async deleteRunsBefore(before: Date, limit: number): Promise<number> {
    return this.write('delete', () => {
      const { sql, params } = deleteRunsBeforeStatement(before, limit, questionMark);
      // `changes` counts the runs only, not the steps and endpoints that cascade.
      return Number(this.db.prepare(sql).run(...params).changes);
    });
  }

  async saveGateSession(session: GateSession): Promise<void> {
    this.write('save', () => this.db.prepare(insertGateSessionSql(questionMark)).run(...gateSessionParams(session)));
  }

  async getGateSession(id: string): Promise<GateSession | undefined> {
    return this.guard('get', () => {
      const row = this.db.prepare('SELECT * FROM gate_sessions WHERE id = ?').get(id) as GateSessionRow | undefined;
      return row === undefined ? undefined : fromGateSessionRow(row);
    });
  }

  async queryGateSessions(query: GateSessionQuery = {}): Promise<GateSession[]> {
    return this.guard('query', () => {
      const { sql, params } = selectGateSessions(query, questionMark, -1);
      return (this.db.prepare(sql).all(...params) as unknown as GateSessionRow[]).map(fromGateSessionRow);
    });
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  private rollupStore(): RollupStore {
    const tables = this.rollupTables;
    return {
      listSeries: async (filter) => this.guard('rollups', () => tables.listSeries(filter)),
      sum: async (range, cuts = []) => this.guard('rollups', () => tables.sum(range, cuts)),
      rows: async (range) => this.guard('rollups', () => tables.rows(range)),
      minuteStates: async (range) => this.guard('rollups', () => tables.minuteStates(range)),
      timesliceDays: async (query) => this.guard('rollups', () => tables.timesliceDays(query)),
      coverage: async () => this.guard('rollups', () => tables.coverage()),
      foldNext: async (resolution, untilMs) => this.write('fold', () => tables.foldNext(resolution, untilMs)),
      deleteBefore: async (resolution, before, limit) => this.write('delete', () => tables.deleteBefore(resolution, before, limit)),
      backfill: async (limit) => {
        const done = this.write('backfill', () => tables.backfill(limit));
        this.series.markStored(done.seriesIds);
        return done.runs;
      },
    };
  }

  private withSteps(run: RunRow): JourneyResult {
    const result = fromRows(run, this.selectSteps.all(run.id) as unknown as StepRow[]);
    const endpoints = this.selectEndpoints.all(run.id) as unknown as EndpointRow[];
    if (endpoints.length > 0) result.endpoints = endpoints.map(fromEndpointRow);
    return result;
  }

  private write<T>(operation: string, work: () => T): T {
    return this.guard(operation, () => inTransaction(this.db, work));
  }

  /** Turns whatever the driver throws into a StoreError, so callers can tell busy from broken. */
  private guard<T>(operation: string, work: () => T): T {
    if (!this.db.isOpen) throw new StoreError(operation, 'closed', 'the store is closed');
    try {
      return work();
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }
}

// Positional parameters: binding them measured about a third faster than named ones in batch saves.
function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}
