import type { DatabaseSync } from 'node:sqlite';
import { CREATE_MIGRATIONS_TABLE, supportedVersion, type Migration } from './migrations.js';
import { SchemaVersionError } from './store-errors.js';
import { inTransaction } from './sqlite-transaction.js';

/**
 * Brings the database up to the newest of `migrations`, applying each missing one once, in its own
 * transaction. Throws {@link SchemaVersionError} when the database is newer than the list: its
 * tables may mean things this code does not know, so reading or writing them could corrupt data.
 * @returns the versions applied by this call (empty when the database was up to date).
 */
export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[], location: string): number[] {
  db.exec(CREATE_MIGRATIONS_TABLE);
  const supported = supportedVersion(migrations);
  const current = currentVersion(db);
  if (current > supported) throw new SchemaVersionError(location, current, supported);
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  return ordered.filter((migration) => applyOnce(db, migration)).map((m) => m.version);
}

/** The highest applied migration version, 0 for a new database. */
export function currentVersion(db: DatabaseSync): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get();
  return typeof row?.version === 'number' ? row.version : 0;
}

// The "already applied?" check runs inside the write lock, so when two processes open a fresh file
// at once the second waits, then sees the first one's row and skips the migration.
function applyOnce(db: DatabaseSync, migration: Migration): boolean {
  return inTransaction(db, () => {
    const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
    if (done !== undefined) return false;
    db.exec(migration.sqliteSql ?? migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      new Date().toISOString(),
    );
    return true;
  });
}
