import { rollupTablesSql } from './rollup-columns.js';
import { TIMESLICE_DAYS_SQL } from './timeslice-days.js';

/** One step of the schema's history. Applied once, in order, in its own transaction. */
export interface Migration {
  /** Positive, strictly increasing; never renumber or edit a released migration, add a new one. */
  version: number;
  name: string;
  sql: string;
  /** SQLite's own text, where a storage option exists only there (`WITHOUT ROWID`); `sql` otherwise. */
  sqliteSql?: string;
}

/**
 * The table that records which migrations a database has had. The same in every database, so
 * both stores read and write the same versions.
 */
export const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

/** The newest version in `migrations`, 0 for none: the schema this code reads and writes. */
export function supportedVersion(migrations: readonly Migration[]): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

/*
 * The SQL sticks to types both SQLite and PostgreSQL read the same way (TEXT, INTEGER, BIGINT,
 * DOUBLE PRECISION), so both stores run the same statements. Keep it that way: every migration
 * must run on both (the PostgreSQL migration tests apply this list to a real server).
 *
 * Times: `started_at` keeps the ISO-8601 text exactly as the runner wrote it (so results round-trip),
 * and `started_at_ms` holds the same instant as epoch milliseconds for range queries and ordering.
 * ISO text only sorts by time when every writer uses one offset and one precision
 * ('…T10:00:00Z' sorts after '…T10:00:00.500Z'); the model does not promise that, an integer does,
 * and it indexes and compares cheaply in both databases.
 *
 * Durations are DOUBLE PRECISION because timers give fractional milliseconds.
 * Nested, rarely queried parts of a run (error, artifacts, tags) are JSON text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs and steps',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        journey TEXT NOT NULL,
        cuj_id TEXT NOT NULL,
        cuj_description TEXT,
        location TEXT NOT NULL,
        target_name TEXT NOT NULL,
        target_url TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_at_ms BIGINT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL,
        attempt INTEGER NOT NULL,
        session_id TEXT,
        error_json TEXT,
        artifacts_json TEXT NOT NULL,
        tags_json TEXT NOT NULL
      );
      CREATE INDEX runs_started_at ON runs (started_at_ms);
      CREATE INDEX runs_journey_started_at ON runs (journey, started_at_ms);
      CREATE INDEX runs_cuj_started_at ON runs (cuj_id, started_at_ms);
      CREATE INDEX runs_location_started_at ON runs (location, started_at_ms);
      CREATE INDEX runs_target_started_at ON runs (target_name, started_at_ms);
      CREATE INDEX runs_session_started_at ON runs (session_id, started_at_ms);

      CREATE TABLE steps (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        name TEXT NOT NULL,
        soft INTEGER NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT,
        duration_ms DOUBLE PRECISION NOT NULL,
        error_message TEXT,
        error_stack TEXT,
        logs_json TEXT,
        PRIMARY KEY (run_id, step_index)
      );
    `,
  },
  {
    version: 2,
    name: 'endpoint coverage',
    sql: `
      CREATE TABLE endpoints (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        method TEXT NOT NULL,
        host TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER NOT NULL,
        request_count INTEGER NOT NULL,
        total_ms DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (run_id, step_index, method, host, path, status)
      );
    `,
  },
  {
    version: 3,
    name: 'scheduler slots',
    // Scale-out coordination on PostgreSQL (src/scheduler/coordination/postgres-slot-claims.ts):
    // one row per planned run of a journey at a location; the primary key makes each slot
    // claimable once across replicas. SQLite (one process) gets the same table and never uses it.
    // The index serves the takeover scan: expired leases of one location.
    sql: `
      CREATE TABLE slots (
        journey TEXT NOT NULL,
        location TEXT NOT NULL,
        planned_at_ms BIGINT NOT NULL,
        owner TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'completed')),
        lease_expires_at_ms BIGINT NOT NULL,
        run_id TEXT,
        PRIMARY KEY (journey, location, planned_at_ms)
      );
      CREATE INDEX slots_location_status_lease ON slots (location, status, lease_expires_at_ms);
      CREATE INDEX slots_planned_at ON slots (planned_at_ms);
    `,
  },
  {
    version: 4,
    name: 'slo rollups',
    // Probe counts per series (journey × step × target × location) and minute, hour and day, for SLO
    // evaluation without the raw runs (src/store/rollup-columns.ts). runs.rolled_up marks runs already
    // counted; older runs are counted by the store's backfill when it opens. On SQLite the table is
    // WITHOUT ROWID: rows are small and always found by their key, so it is stored once, in key order.
    sql: rollupTablesSql({ withoutRowid: false }),
    sqliteSql: rollupTablesSql({ withoutRowid: true }),
  },
  {
    version: 5,
    name: 'alert state, history and outbox',
    // The alerting cycle (src/alerting): one state row per (SLO, tier) that has ever fired, whose
    // version makes concurrent writers fail instead of both notifying; one row per firing episode
    // (alert history for the dashboard and reports); and the outbox, one row per notification and
    // channel, delivered at least once in (created_at_ms, seq) order per alert and channel.
    sql: `
      CREATE TABLE alert_states (
        slo TEXT NOT NULL,
        tier TEXT NOT NULL,
        dedup_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('inactive', 'firing', 'resolved')),
        firing_since_ms BIGINT,
        resolved_at_ms BIGINT,
        last_notified_at_ms BIGINT,
        last_evaluated_at_ms BIGINT,
        version INTEGER NOT NULL,
        PRIMARY KEY (slo, tier)
      );

      CREATE TABLE alert_episodes (
        id TEXT PRIMARY KEY,
        dedup_key TEXT NOT NULL,
        slo TEXT NOT NULL,
        journey TEXT NOT NULL,
        tier TEXT NOT NULL,
        severity TEXT NOT NULL,
        firing_since_ms BIGINT NOT NULL,
        resolved_at_ms BIGINT,
        fired_burn_rate DOUBLE PRECISION,
        fired_budget_remaining DOUBLE PRECISION,
        peak_burn_rate DOUBLE PRECISION,
        last_burn_rate DOUBLE PRECISION,
        last_budget_remaining DOUBLE PRECISION,
        updated_at_ms BIGINT NOT NULL,
        details_json TEXT
      );
      CREATE INDEX alert_episodes_firing_since ON alert_episodes (firing_since_ms);
      CREATE INDEX alert_episodes_slo_firing_since ON alert_episodes (slo, firing_since_ms);

      CREATE TABLE alert_outbox (
        id TEXT PRIMARY KEY,
        dedup_key TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('trigger', 'renotify', 'resend', 'resolve')),
        severity TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'failed-retrying', 'delivered', 'gave-up')),
        attempts INTEGER NOT NULL,
        next_attempt_at_ms BIGINT NOT NULL,
        last_attempt_at_ms BIGINT,
        delivered_at_ms BIGINT,
        last_error TEXT,
        last_error_at_ms BIGINT,
        claimed_by TEXT,
        claim_expires_at_ms BIGINT,
        message_json TEXT NOT NULL
      );
      CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt_at_ms);
      CREATE INDEX alert_outbox_alert_channel ON alert_outbox (dedup_key, channel, created_at_ms, seq);
      CREATE INDEX alert_outbox_created_at ON alert_outbox (created_at_ms);
    `,
  },
  {
    version: 6,
    name: 'gate sessions and run trace ids',
    // Versions 4 and 5 belong to work landing separately (SLO rollups, alerting); the migrators
    // apply every missing version, so a database that got 6 first still gets 4 and 5 later.
    // gate_sessions: finished `outpost verify` / `outpost canary` sessions with their verdict and
    // metric table (JSON), for the dashboard's canary page. runs.trace_id: the OpenTelemetry trace
    // of the run, for links into the user's tracing UI.
    sql: `
      CREATE TABLE gate_sessions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('verify', 'canary')),
        started_at TEXT NOT NULL,
        started_at_ms BIGINT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL,
        verdict TEXT NOT NULL,
        score DOUBLE PRECISION,
        reason TEXT NOT NULL,
        interrupted INTEGER NOT NULL,
        location TEXT NOT NULL,
        targets_json TEXT NOT NULL,
        cujs_json TEXT NOT NULL
      );
      CREATE INDEX gate_sessions_started_at ON gate_sessions (started_at_ms);
      CREATE INDEX gate_sessions_kind_started_at ON gate_sessions (kind, started_at_ms);
      ALTER TABLE runs ADD COLUMN trace_id TEXT;
    `,
  },
  {
    version: 7,
    name: 'time-slice day summaries',
    // Per (journey, step, target) and UTC day: minutes by sorted location states, so time-slice SLOs
    // read whole days from here (see timeslice-days.ts).
    sql: TIMESLICE_DAYS_SQL,
  },
];
