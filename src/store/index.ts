export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export type { ResultStore, RunQuery } from './result-store.js';
export { DEFAULT_STORE_LOCATION } from './store-location.js';
export { StoreError, SchemaVersionError, StoreLocationError, PostgresNotSupportedError } from './store-errors.js';
export type { StoreErrorKind } from './store-errors.js';
export type { CoverageRow } from './coverage.js';
