import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalResult } from './journey-result-fixture.js';
import { openStore } from './open-store.js';
import type { ResultStore } from './result-store.js';
import { describeResultStoreContract } from './result-store-contract.js';
import { StoreError } from './store-errors.js';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let contractFile = '';
describeResultStoreContract('SQLite file', {
  reset: async () => {
    contractFile = join(freshDir(), 'outpost.db');
  },
  open: () => openStore(contractFile),
  exec: async (sql) => {
    const db = new DatabaseSync(contractFile);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
});

describe('SQLite specifics', () => {
  let dir: string;
  let opened: ResultStore[];

  async function open(busyTimeoutMs?: number): Promise<ResultStore> {
    const store = await openStore(join(dir, 'outpost.db'), { busyTimeoutMs });
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    dir = freshDir();
    opened = [];
  });

  afterEach(async () => {
    for (const store of opened) await store.close();
  });

  it('fails a write on a locked database with a retryable StoreError carrying the cause', async () => {
    const store = await open(0);
    const other = new DatabaseSync(join(dir, 'outpost.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const error = await store.saveRun(minimalResult()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ kind: 'busy', retryable: true, cause: { errcode: 5 } });
      other.exec('COMMIT');
      await store.saveRun(minimalResult());
      expect(await store.countRuns()).toBe(1);
    } finally {
      other.close();
    }
  });

  it('keeps the file in WAL mode', async () => {
    await open();
    const raw = new DatabaseSync(join(dir, 'outpost.db'), { readOnly: true });
    try {
      expect(raw.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('creates new files with 16 KiB pages and leaves an existing file its page size', async () => {
    await open();
    const pageSize = (file: string) => {
      const raw = new DatabaseSync(file, { readOnly: true });
      try {
        return raw.prepare('PRAGMA page_size').get()?.page_size;
      } finally {
        raw.close();
      }
    };
    expect(pageSize(join(dir, 'outpost.db'))).toBe(16384);
    const older = join(dir, 'older.db');
    const raw = new DatabaseSync(older);
    raw.exec('PRAGMA page_size = 4096; CREATE TABLE kept (x INTEGER)');
    raw.close();
    opened.push(await openStore(older));
    expect(pageSize(older)).toBe(4096);
  });
});
