import type { JourneyResult, RunStatus } from '../journey/index.js';
import type { AlertStore } from './alert-store.js';
import type { CoverageRow } from './coverage.js';
import type { GateSession, GateSessionQuery } from './gate-session.js';
import type { RollupStore } from './rollup-store.js';

/**
 * Which runs to read. Every field narrows the set; an omitted field matches everything.
 * A list matches any of its values, so an empty list matches no run.
 */
export interface RunQuery {
  journey?: string | string[];
  /** The CUJ id. */
  cuj?: string;
  location?: string;
  /** The target name. */
  target?: string;
  status?: RunStatus | RunStatus[];
  sessionId?: string;
  /** Inclusive lower bound on `startedAt`. */
  from?: Date | string;
  /** Exclusive upper bound on `startedAt`: `[from, to)`, so adjacent windows never count a run twice. */
  to?: Date | string;
  /** At most this many runs (ignored by {@link ResultStore.countRuns}). */
  limit?: number;
  /** Skip this many runs of the newest-first order (ignored by {@link ResultStore.countRuns}). */
  offset?: number;
}

/**
 * Where journey results are kept. Async so that a networked database (PostgreSQL) fits the same
 * shape as SQLite. Failures reject with a `StoreError`; its `retryable` says whether trying the same
 * call again may help (the database was busy). The caller owns the retry policy.
 */
export interface ResultStore {
  /** Saves one run with its steps. Rejects with a `conflict` StoreError when the id already exists. */
  saveRun(result: JourneyResult): Promise<void>;
  /** Saves many runs in one transaction: all of them or none. */
  saveRuns(results: readonly JourneyResult[]): Promise<void>;
  /** The run with its steps in order, or `undefined` when there is none with that id. */
  getRun(id: string): Promise<JourneyResult | undefined>;
  /** Matching runs, newest `startedAt` first (ties broken by id, so pages are stable). */
  queryRuns(query?: RunQuery): Promise<JourneyResult[]>;
  /** Every journey with stored runs, sorted (the dashboard lists them without journey files). */
  journeyNames(): Promise<string[]>;
  /** How many runs match, ignoring `limit` and `offset`. */
  countRuns(query?: RunQuery): Promise<number>;
  /** Endpoints exercised by the matching runs, grouped per journey, step, method, host, path and status. */
  queryCoverage(query?: RunQuery): Promise<CoverageRow[]>;
  /**
   * Deletes at most `limit` of the oldest runs that started before `before`, with their steps and
   * endpoints, in one short transaction; resolves to how many runs it deleted. Retention
   * (`applyRetention`) calls it in batches so probing writes never wait long behind it.
   */
  deleteRunsBefore(before: Date, limit: number): Promise<number>;
  /** Saves a finished verify or canary session. Rejects with a `conflict` StoreError when the id already exists. */
  saveGateSession(session: GateSession): Promise<void>;
  /** The session with that id, or `undefined`. */
  getGateSession(id: string): Promise<GateSession | undefined>;
  /** Sessions, newest `startedAt` first (ties broken by id). */
  queryGateSessions(query?: GateSessionQuery): Promise<GateSession[]>;
  /** Alert lifecycle state, alert history and the notification outbox, in the same database. */
  readonly alerts: AlertStore;
  /** SLO rollups: probe counts per series and minute, hour and day, written with the runs. */
  readonly rollups: RollupStore;
  /** Releases the database. Calling it again does nothing; other calls then fail with a `closed` StoreError. */
  close(): Promise<void>;
}
