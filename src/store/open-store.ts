import type { ResultStore } from './result-store.js';
import { SqliteResultStore } from './sqlite-store.js';
import { DEFAULT_STORE_LOCATION, parseStoreLocation } from './store-location.js';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** How long a write waits for another writer's lock before failing with a `busy` StoreError. Default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens the result store at `location`, creating and migrating it as needed.
 * - a file path, `sqlite:<path>` or `sqlite:///abs/path`: a SQLite file (its folder is created);
 * - `:memory:`: a private in-memory SQLite database (tests, one-off runs);
 * - `postgres://…`: throws `PostgresNotSupportedError` (not built yet).
 *
 * Also throws `StoreLocationError` for other URLs, `SchemaVersionError` for a database written by a
 * newer Outpost, and `StoreError` when the database cannot be opened.
 *
 * @example
 * const store = await openStore('.outpost/outpost.db');
 * await store.saveRun(result);
 * const failures = await store.queryRuns({ journey: 'checkout', status: ['failed', 'timedOut'], limit: 20 });
 * await store.close();
 */
export async function openStore(location: string = DEFAULT_STORE_LOCATION, options: OpenStoreOptions = {}): Promise<ResultStore> {
  const parsed = parseStoreLocation(location);
  return SqliteResultStore.open(parsed.path, { busyTimeoutMs: options.busyTimeoutMs });
}
