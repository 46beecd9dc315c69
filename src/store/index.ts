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
