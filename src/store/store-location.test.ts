import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullResult } from './journey-result-fixture.js';
import { openStore } from './open-store.js';
import { StoreError, StoreLocationError } from './store-errors.js';
import { DEFAULT_STORE_LOCATION, parseStoreLocation, redactLocation } from './store-location.js';

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

  it.each(['postgres://outpost:s3cret@db:5432/outpost', 'postgresql://outpost:s3cret@db/outpost', 'POSTGRES://db/outpost'])(
    'reads %s as a PostgreSQL URL, kept as written',
    (url) => {
      expect(parseStoreLocation(` ${url} `)).toEqual({ kind: 'postgres', url });
    },
  );

  it('refuses a PostgreSQL URL that does not parse, without its password', () => {
    let error: unknown;
    try {
      parseStoreLocation('postgres://outpost:s3cret@db:99999/outpost');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreLocationError);
    expect((error as Error).message).toContain('not a valid postgres:// URL');
    expect((error as Error).message).not.toContain('s3cret');
    expect((error as StoreLocationError).location).toBe('postgres://outpost:***@db:99999/outpost');
  });

  it('refuses other URLs and an empty sqlite path', () => {
    expect(() => parseStoreLocation('mysql://db/outpost')).toThrow(StoreLocationError);
    expect(() => parseStoreLocation('sqlite:')).toThrow(/no database path/);
  });
});

describe('redactLocation', () => {
  it.each([
    ['postgres://outpost:s3cret@db:5432/outpost', 'postgres://outpost:***@db:5432/outpost'],
    ['postgres://outpost:s3@cr/et@db/outpost', 'postgres://outpost:***@db/outpost'],
    ['postgres://outpost:p%40ss@db/outpost', 'postgres://outpost:***@db/outpost'],
    ['postgres://db/outpost?user=outpost&password=s3cret&sslmode=require', 'postgres://db/outpost?user=outpost&password=***&sslmode=require'],
    ['postgres://db/outpost?sslpassword=s3cret', 'postgres://db/outpost?sslpassword=***'],
    ['postgres://outpost@db/outpost', 'postgres://outpost@db/outpost'],
  ])('hides the password of %s', (location, redacted) => {
    expect(redactLocation(location)).toBe(redacted);
  });
});

describe('openStore', () => {
  it('fails on an unreachable PostgreSQL with a retryable StoreError that keeps the password out', async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const error = await openStore('postgres://outpost:s3cret@127.0.0.1:1/outpost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ operation: 'open', kind: 'busy', retryable: true });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).message).not.toContain('s3cret');
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
