import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isStoreLocation, parseStoreLocation } from './store-location.js';

const rootDir = path.resolve('/srv/probes');

describe('store location', () => {
  test('a plain or sqlite: path is a SQLite file beside the config', () => {
    expect(parseStoreLocation('.outpost/outpost.db', rootDir)).toEqual({ kind: 'sqlite', path: path.join(rootDir, '.outpost/outpost.db') });
    expect(parseStoreLocation('sqlite:/var/lib/outpost.db', rootDir)).toEqual({ kind: 'sqlite', path: '/var/lib/outpost.db' });
    expect(parseStoreLocation('sqlite::memory:', rootDir)).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  test('a postgres URL is kept as is', () => {
    expect(parseStoreLocation('postgresql://u:p@db:5432/outpost', rootDir)).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db:5432/outpost' });
  });

  test('other schemes and empty values are rejected', () => {
    expect(['mysql://db/outpost', 'http://x', 'sqlite:', ''].map(isStoreLocation)).toEqual([false, false, false, false]);
    expect(['postgres://db/outpost', 'data.db', 'C:\\outpost\\data.db'].map(isStoreLocation)).toEqual([true, true, true]);
  });
});
