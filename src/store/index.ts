export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export type { ResultStore, RunQuery } from './result-store.js';
export type {
  AlertStore,
  StoredAlertState,
  StoredAlertStatus,
  AlertReading,
  AlertEpisode,
  EpisodeChange,
  DeliveryKind,
  DeliveryContent,
  NewDelivery,
  DeliveryStatus,
  Delivery,
  StateWrite,
  AlertTransitions,
  RecordOutcome,
  ClaimRequest,
  DeliveryOutcome,
  DeliveryQuery,
  EpisodeQuery,
  ChannelDeliverySummary,
} from './alert-store.js';
export { DEFAULT_STORE_LOCATION } from './store-location.js';
export { StoreError, SchemaVersionError, StoreLocationError, PostgresNotSupportedError } from './store-errors.js';
export type { StoreErrorKind } from './store-errors.js';
export type { CoverageRow } from './coverage.js';
export type { GateSession, GateSessionQuery, GateKind, GateCuj, GateMetric, GateSide, GateTarget } from './gate-session.js';
export { applyRetention, RetentionOptionsError } from './retention.js';
export type { DeleteBatch, RetentionBatch, RetentionOptions, RetentionReport, SlotPruner } from './retention.js';
// For other PostgreSQL users of the same database (the scheduler's slot claims and leader lease).
export { openMigratedPostgresPool } from './postgres-database.js';
export type { MigratedPostgresPool } from './postgres-database.js';
export { connectionSecrets } from './postgres-pool.js';
export type { PostgresPoolOptions } from './postgres-pool.js';
export { postgresStoreError } from './postgres-error.js';
// SLO rollups: probe counts per series and minute/hour/day, written with the runs (see rollup-store.ts).
export type { RollupStore, RollupRange, RollupSum, RollupRow, MinuteStatesRow, RollupCoverage } from './rollup-store.js';
export type { RollupCounts } from './rollup-deltas.js';
export type { TimesliceDay, TimesliceDays } from './timeslice-days.js';
export type { RollupSeries, SeriesKey } from './rollup-series.js';
export { seriesIdOf } from './rollup-series.js';
export { RESOLUTION_MS, MINUTE_STATE, bucketState } from './rollup-columns.js';
export type { RollupResolution } from './rollup-columns.js';
export { maintainRollups, rollupRetentionFor, DEFAULT_ROLLUP_RETENTION, FOLD_SETTLE_MS, RollupMaintenanceOptionsError } from './rollup-maintenance.js';
export type { RollupRetention, RollupMaintenanceOptions, RollupMaintenanceBatch, RollupMaintenanceReport } from './rollup-maintenance.js';
