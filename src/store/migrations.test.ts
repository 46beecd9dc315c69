import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalResult } from './journey-result-fixture.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { openStore } from './open-store.js';
import { applyMigrations, currentVersion } from './sqlite-migrator.js';
import { SchemaVersionError } from './store-errors.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outpost-migrations-'));
  file = join(dir, 'outpost.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function withRaw<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const appliedRows = (db: DatabaseSync) => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
const tableExists = (db: DatabaseSync, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

// CREATE TABLE without IF NOT EXISTS fails when run twice, so these also prove "once".
const first: Migration = { version: 1, name: 'first', sql: 'CREATE TABLE one (x INTEGER)' };
const second: Migration = { version: 2, name: 'second', sql: 'CREATE TABLE two (x INTEGER)' };

describe('the migration list', () => {
  it('has unique, increasing, positive versions', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBeGreaterThan(0);
    versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i] ?? Infinity));
  });
});

describe('applyMigrations', () => {
  it('applies each migration once, in version order, and only the missing ones later', () => {
    withRaw((db) => {
      expect(applyMigrations(db, [second, first], file)).toEqual([1, 2]);
      expect(applyMigrations(db, [first, second], file)).toEqual([]);
      const third: Migration = { version: 3, name: 'third', sql: 'ALTER TABLE two ADD COLUMN y TEXT' };
      expect(applyMigrations(db, [first, second, third], file)).toEqual([3]);
      expect(appliedRows(db).map((r) => [r.version, r.name])).toEqual([[1, 'first'], [2, 'second'], [3, 'third']]);
      expect(currentVersion(db)).toBe(3);
    });
  });

  it('rolls back a migration that fails halfway, keeping the ones before it', () => {
    withRaw((db) => {
      const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO missing VALUES (1);' };
      expect(() => applyMigrations(db, [first, broken], file)).toThrow(/missing/);
      expect(tableExists(db, 'one')).toBe(true);
      expect(tableExists(db, 'half')).toBe(false);
      expect(currentVersion(db)).toBe(1);
    });
  });

  it('refuses a database newer than the list, naming both versions', () => {
    withRaw((db) => {
      applyMigrations(db, [first, second], file);
      let error: unknown;
      try {
        applyMigrations(db, [first], file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SchemaVersionError);
      expect(error).toMatchObject({ location: file, databaseVersion: 2, supportedVersion: 1 });
    });
  });
});

describe('opening a store', () => {
  it('applies the schema once and re-opens without re-applying it', async () => {
    const store = await openStore(file);
    await store.saveRun(minimalResult());
    await store.close();
    const before = withRaw(appliedRows);
    expect(before.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));

    const again = await openStore(file);
    expect(await again.getRun('run-minimal')).toStrictEqual(minimalResult());
    await again.close();
    expect(withRaw(appliedRows)).toEqual(before);
  });

  it('fails with SchemaVersionError on a database written by a newer schema, leaving it untouched', async () => {
    await (await openStore(file)).close();
    const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    withRaw((db) =>
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(future, 'from the future', '2030-01-01T00:00:00Z'),
    );
    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({ name: 'SchemaVersionError', databaseVersion: future, supportedVersion: future - 1 });
    expect((error as Error).message).toMatch(/newer/);
    expect(withRaw(currentVersion)).toBe(future);
  });
});
