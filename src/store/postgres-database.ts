import type { Pool } from 'pg';
import { MIGRATIONS } from './migrations.js';
import { postgresStoreError } from './postgres-error.js';
import { applyPostgresMigrations } from './postgres-migrator.js';
import { connectionSecrets, createPostgresPool, type PostgresPoolOptions } from './postgres-pool.js';
import { SchemaVersionError } from './store-errors.js';
import { redactLocation } from './store-location.js';

/** A pool on an up-to-date Outpost database, and the password parts to keep out of messages. */
export interface MigratedPostgresPool {
  pool: Pool;
  secrets: string[];
}

/**
 * Connects to `url` and migrates the database: what every PostgreSQL user of the database (the
 * result store, the scheduler's coordination) does first, so the tables exist whichever opens it
 * first. Throws `SchemaVersionError` when it was written by a newer schema, `StoreError` otherwise
 * (`busy` when the server cannot be reached). No message carries the URL's password.
 */
export async function openMigratedPostgresPool(url: string, options: PostgresPoolOptions = {}): Promise<MigratedPostgresPool> {
  const secrets = connectionSecrets(url);
  const pool = createPostgresPool(url, options);
  try {
    await applyPostgresMigrations(pool, MIGRATIONS, redactLocation(url));
    return { pool, secrets };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error instanceof SchemaVersionError ? error : postgresStoreError('open', error, secrets);
  }
}
