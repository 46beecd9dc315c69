import { PostgresResultStore } from './postgres-store.js';
import type { ResultStore } from './result-store.js';
import { backfillRollups } from './rollup-backfill.js';
import { SqliteResultStore } from './sqlite-store.js';
import { DEFAULT_STORE_LOCATION, parseStoreLocation } from './store-location.js';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /**
   * How long a write waits for another writer's lock before failing with a `busy` StoreError.
   * Default 5000. On PostgreSQL this is the `lock_timeout` (at least 1 ms).
   */
  busyTimeoutMs?: number;
}

/**
 * Opens the result store at `location`, creating and migrating it as needed.
 * - a file path, `sqlite:<path>` or `sqlite:///abs/path`: a SQLite file (its folder is created);
 * - `:memory:`: a private in-memory SQLite database (tests, one-off runs);
 * - `postgres://…` or `postgresql://…`: a PostgreSQL database (it must exist; the tables are
 *   created). Several processes may open the same one at once.
 *
 * Also throws `StoreLocationError` for other URLs, `SchemaVersionError` for a database written by a
 * newer Outpost, and `StoreError` when the database cannot be opened. No error carries the password.
 *
 * @example
 * const store = await openStore('.outpost/outpost.db');
 * await store.saveRun(result);
 * const failures = await store.queryRuns({ journey: 'checkout', status: ['failed', 'timedOut'], limit: 20 });
 * await store.close();
 */
export async function openStore(location: string = DEFAULT_STORE_LOCATION, options: OpenStoreOptions = {}): Promise<ResultStore> {
  const parsed = parseStoreLocation(location);
  const store =
    parsed.kind === 'postgres'
      ? await PostgresResultStore.open(parsed.url, { busyTimeoutMs: options.busyTimeoutMs })
      : SqliteResultStore.open(parsed.path, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    await backfillRollups(store.rollups);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
