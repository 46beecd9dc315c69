import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullResult } from './journey-result-fixture.js';
import { openStore } from './open-store.js';
import { PostgresNotSupportedError, StoreLocationError } from './store-errors.js';
import { DEFAULT_STORE_LOCATION, parseStoreLocation } from './store-location.js';

describe('parseStoreLocation', () => {
  it.each([
    ['data/runs.db', 'data/runs.db'],
    ['/var/lib/outpost/runs.db', '/var/lib/outpost/runs.db'],
    ['sqlite:data/runs.db', 'data/runs.db'],
    ['sqlite://data/runs.db', 'data/runs.db'],
    ['sqlite:///var/lib/runs.db', '/var/lib/runs.db'],
    [':memory:', ':memory:'],
    ['sqlite::memory:', ':memory:'],
  ])('reads %s as the SQLite path %s', (location, path) => {
    expect(parseStoreLocation(location)).toEqual({ kind: 'sqlite', path });
  });

  it('defaults to .outpost/outpost.db', () => {
    expect(DEFAULT_STORE_LOCATION).toBe('.outpost/outpost.db');
    expect(parseStoreLocation()).toEqual({ kind: 'sqlite', path: '.outpost/outpost.db' });
  });

  it.each(['postgres://outpost:s3cret@db:5432/outpost', 'postgresql://outpost:s3cret@db/outpost'])(
    'refuses %s: PostgreSQL is not built yet, and the password stays out of the error',
    (url) => {
      let error: unknown;
      try {
        parseStoreLocation(url);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PostgresNotSupportedError);
      expect(error).toBeInstanceOf(StoreLocationError);
      expect((error as Error).name).toBe('PostgresNotSupportedError');
      expect((error as Error).message).toContain('PostgreSQL support is not built yet');
      expect((error as Error).message).not.toContain('s3cret');
      expect((error as StoreLocationError).location).toContain('outpost:***@db');
    },
  );

  it('refuses other URLs and an empty sqlite path', () => {
    expect(() => parseStoreLocation('mysql://db/outpost')).toThrow(StoreLocationError);
    expect(() => parseStoreLocation('mysql://db/outpost')).not.toThrow(PostgresNotSupportedError);
    expect(() => parseStoreLocation('sqlite:')).toThrow(/no database path/);
  });
});

describe('openStore', () => {
  it('rejects a postgres URL with PostgresNotSupportedError', async () => {
    await expect(openStore('postgres://db/outpost')).rejects.toBeInstanceOf(PostgresNotSupportedError);
  });

  it('creates the folders of a sqlite: path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-location-'));
    try {
      const file = join(dir, 'nested', 'deeper', 'outpost.db');
      const store = await openStore(`sqlite:${file}`);
      await store.saveRun(fullResult());
      await store.close();
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a private in-memory store', async () => {
    const one = await openStore(':memory:');
    const two = await openStore(':memory:');
    await one.saveRun(fullResult());
    expect(await one.getRun('run-full')).toStrictEqual(fullResult());
    expect(await two.countRuns()).toBe(0);
    await one.close();
    await two.close();
  });
});
