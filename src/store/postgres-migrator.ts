import type { Pool, PoolClient } from 'pg';
import { CREATE_MIGRATIONS_TABLE, supportedVersion, type Migration } from './migrations.js';
import { inPostgresTransaction } from './postgres-transaction.js';
import { SchemaVersionError } from './store-errors.js';

/**
 * The advisory lock every Outpost holds while it migrates a database ('outpost' in ASCII, as a
 * bigint). Advisory locks are per database, so stores on other databases of a server do not wait.
 */
const MIGRATION_LOCK_KEY = '31372865377891188';

/**
 * Brings the database up to the newest of `migrations`, applying each missing one once, in order,
 * in its own transaction: the same `schema_migrations` rows as the SQLite store writes.
 * Several replicas may start at once: each transaction first takes a transaction-level advisory
 * lock, so the others wait, then find the migration recorded and skip it.
 * Throws {@link SchemaVersionError} when the database is newer than the list.
 * @returns the versions applied by this call (empty when the database was up to date).
 */
export async function applyPostgresMigrations(pool: Pool, migrations: readonly Migration[], location: string): Promise<number[]> {
  const supported = supportedVersion(migrations);
  // Created under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL.
  const current = await underMigrationLock(pool, async (client) => {
    await client.query(CREATE_MIGRATIONS_TABLE);
    return currentPostgresVersion(client);
  });
  if (current > supported) throw new SchemaVersionError(location, current, supported);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (await underMigrationLock(pool, (client) => applyOnce(client, migration))) applied.push(migration.version);
  }
  return applied;
}

/** The highest applied migration version, 0 for a new database. */
export async function currentPostgresVersion(client: PoolClient | Pool): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

function underMigrationLock<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return inPostgresTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    return work(client);
  });
}

async function applyOnce(client: PoolClient, migration: Migration): Promise<boolean> {
  const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
  if (done.rowCount !== 0) return false;
  await client.query(migration.sql);
  await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
    migration.version,
    migration.name,
    new Date().toISOString(),
  ]);
  return true;
}
