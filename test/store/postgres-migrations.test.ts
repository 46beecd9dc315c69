import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { MIGRATIONS, type Migration } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { applyPostgresMigrations, currentPostgresVersion } from '../../src/store/postgres-migrator.js';
import { createPostgresPool } from '../../src/store/postgres-pool.js';
import { SchemaVersionError } from '../../src/store/store-errors.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

if (postgresMissingReason) console.warn(`[postgres-migrations] skipping the real-PostgreSQL migration tests: ${postgresMissingReason}`);

// CREATE TABLE without IF NOT EXISTS fails when run twice, and each migration logs itself, so
// these also prove "once".
const logged = (version: number, sql: string): Migration => ({
  version,
  name: `step ${version}`,
  sql: `${sql}; INSERT INTO applied_log (version) VALUES (${version});`,
});
const first = logged(1, 'CREATE TABLE applied_log (version INTEGER NOT NULL); CREATE TABLE one (x INTEGER)');
const second = logged(2, 'CREATE TABLE two (x INTEGER)');
const third = logged(3, 'ALTER TABLE two ADD COLUMN y TEXT');

describe.skipIf(postgresMissingReason !== undefined)('PostgreSQL migrations', () => {
  let server: PostgresServer;
  let databases = 0;
  let url: string;
  let pools: Pool[];

  const pool = (): Pool => {
    const created = createPostgresPool(url);
    pools.push(created);
    return created;
  };
  const rows = <R extends Record<string, unknown>>(sql: string) => server.query<R>(sql, [], new URL(url).pathname.slice(1));
  const applied = () => rows<{ version: number; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
  const tableExists = async (name: string) => (await rows(`SELECT 1 FROM pg_tables WHERE tablename = '${name}'`)).length === 1;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    pools = [];
    url = await server.createDatabase(`migrations_${++databases}`);
  });

  afterEach(async () => {
    for (const created of pools) await created.end();
  });

  it('applies each migration once, in version order, and only the missing ones later', async () => {
    expect(await applyPostgresMigrations(pool(), [second, first], 'db')).toEqual([1, 2]);
    expect(await applyPostgresMigrations(pool(), [first, second], 'db')).toEqual([]);
    expect(await applyPostgresMigrations(pool(), [first, second, third], 'db')).toEqual([3]);
    expect((await applied()).map((r) => [r.version, r.name])).toEqual([[1, 'step 1'], [2, 'step 2'], [3, 'step 3']]);
    expect(await currentPostgresVersion(pool())).toBe(3);
  });

  it('applies each migration once when many processes start at the same moment', async () => {
    const contenders = Array.from({ length: 8 }, () => applyPostgresMigrations(pool(), [first, second, third], 'db'));
    const results = await Promise.all(contenders);
    expect(results.flat().sort()).toEqual([1, 2, 3]);
    expect(await rows('SELECT version FROM applied_log ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    expect((await applied()).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('opens one database from several stores at once, applying the schema once', async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(url)));
    try {
      await Promise.all(stores.map((store, i) => store.saveRun(minimalResult({ id: `replica-${i}` }))));
      expect(await stores[0]!.countRuns()).toBe(6);
    } finally {
      for (const store of stores) await store.close();
    }
    expect((await applied()).map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('rolls back a migration that fails halfway, keeping the ones before it', async () => {
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); INSERT INTO missing VALUES (1);' };
    await expect(applyPostgresMigrations(pool(), [first, broken], 'db')).rejects.toThrow(/missing/);
    expect(await tableExists('one')).toBe(true);
    expect(await tableExists('half')).toBe(false);
    expect(await currentPostgresVersion(pool())).toBe(1);
  });

  it('re-opens without re-applying the schema', async () => {
    await (await openStore(url)).close();
    const before = await applied();
    const again = await openStore(url);
    await again.close();
    expect(await applied()).toEqual(before);
  });

  it('fails with SchemaVersionError on a database written by a newer schema, leaving it untouched and the password out', async () => {
    await (await openStore(url)).close();
    const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    await rows(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${future}, 'from the future', '2030-01-01T00:00:00Z')`);
    // The superuser is trusted, so the password is ignored, but it must not reach the message.
    const withPassword = url.replace('//postgres@', '//postgres:s3cret@');
    const error = await openStore(withPassword).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({ databaseVersion: future, supportedVersion: future - 1 });
    expect((error as SchemaVersionError).location).toBe(withPassword.replace('s3cret', '***'));
    expect((error as Error).message).not.toContain('s3cret');
    expect(await currentPostgresVersion(pool())).toBe(future);
  });
});
