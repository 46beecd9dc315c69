import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult } from '../../src/journey/index.js';
import { fullResult } from '../../src/store/journey-result-fixture.js';
import { openStore } from '../../src/store/open-store.js';
import type { ResultStore } from '../../src/store/result-store.js';
import { applyRetention, RetentionOptionsError, type RetentionBatch, type RetentionOptions } from '../../src/store/retention.js';
import { StoreError } from '../../src/store/store-errors.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

if (postgresMissingReason) console.warn(`[retention] skipping retention on a real PostgreSQL: ${postgresMissingReason}`);

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);

/** How the shared retention tests reach one store implementation. */
interface RetentionHarness {
  /** A new store on an empty database. */
  open(): Promise<ResultStore>;
  /** Rows in `table` of that database, counted without the store (cascades included). */
  countRows(table: string): Promise<number>;
}

/** A run that started `daysAgo` before NOW, with four steps and two endpoints. */
function runAged(id: string, daysAgo: number): JourneyResult {
  return fullResult({
    id,
    startedAt: new Date(NOW - daysAgo * DAY).toISOString(),
    endpoints: [
      { step: 0, method: 'GET', host: 'shop.example.com', path: '/', status: 200, count: 1, totalMs: 12 },
      { step: 2, method: 'POST', host: 'shop.example.com', path: '/api/pay', status: 402, count: 1, totalMs: 80 },
    ],
  });
}

/** `count` runs from `daysAgo` back, an hour apart: `<prefix>-0` is the newest. */
const runsAged = (prefix: string, count: number, daysAgo: number): JourneyResult[] =>
  Array.from({ length: count }, (_, i) => runAged(`${prefix}-${i}`, daysAgo + i / 24));

/** Retention with a recording pause and batch hook, so batches show without waiting. */
function recorded(options: Partial<RetentionOptions> = {}) {
  const batches: RetentionBatch[] = [];
  const pauses: number[] = [];
  const settings: RetentionOptions = {
    maxAgeDays: 30,
    now: NOW,
    batchSize: 5,
    pauseMs: 250,
    onBatch: (batch) => batches.push(batch),
    sleep: async (ms) => void pauses.push(ms),
    ...options,
  };
  return { batches, pauses, settings };
}

function describeRetention(name: string, harness: RetentionHarness): void {
  describe(`${name}: retention`, () => {
    let store: ResultStore;

    beforeEach(async () => {
      store = await harness.open();
    });

    afterEach(async () => {
      await store.close();
    });

    it('deletes old runs with their steps and endpoints in batches, keeping newer ones', async () => {
      await store.saveRuns([...runsAged('old', 12, 45), ...runsAged('new', 3, 10), runAged('at-cutoff', 30)]);
      const { batches, pauses, settings } = recorded();
      const report = await applyRetention(store, settings);
      expect(report).toEqual({ cutoff: new Date(NOW - 30 * DAY), deletedRuns: 12, deletedSlots: 0, aborted: false });
      expect(batches).toEqual([5, 5, 2].map((deleted) => ({ table: 'runs', deleted })));
      expect(pauses).toEqual([250, 250]);
      expect((await store.queryRuns()).map((run) => run.id).sort()).toEqual(['at-cutoff', 'new-0', 'new-1', 'new-2']);
      expect(await harness.countRows('steps')).toBe(4 * 4);
      expect(await harness.countRows('endpoints')).toBe(4 * 2);
    });

    it('ends with an empty batch when the old runs fill the last one exactly, and does nothing when none are old', async () => {
      await store.saveRuns(runsAged('old', 10, 40));
      const first = recorded();
      expect((await applyRetention(store, first.settings)).deletedRuns).toBe(10);
      expect(first.batches.map((b) => b.deleted)).toEqual([5, 5, 0]);
      const again = recorded();
      expect((await applyRetention(store, again.settings)).deletedRuns).toBe(0);
      expect(again.batches.map((b) => b.deleted)).toEqual([0]);
      expect(again.pauses).toEqual([]);
    });

    it('deletes at most `limit` runs per call, oldest first', async () => {
      await store.saveRuns(runsAged('old', 6, 40));
      expect(await store.deleteRunsBefore(new Date(NOW - 30 * DAY), 4)).toBe(4);
      expect((await store.queryRuns()).map((run) => run.id).sort()).toEqual(['old-0', 'old-1']);
      expect(await harness.countRows('steps')).toBe(2 * 4);
    });

    it('stops between batches when aborted, keeping what it deleted', async () => {
      await store.saveRuns(runsAged('old', 12, 45));
      const stop = new AbortController();
      const { batches, settings } = recorded({ signal: stop.signal, onBatch: (batch) => (batches.push(batch), stop.abort()) });
      const report = await applyRetention(store, settings);
      expect(report).toMatchObject({ deletedRuns: 5, aborted: true });
      expect(await store.countRuns()).toBe(7);
    });

    it('rejects a limit below 1 or a cutoff that is not a time as invalid', async () => {
      await expect(store.deleteRunsBefore(new Date(NOW), 0)).rejects.toMatchObject({ operation: 'delete', kind: 'invalid' });
      const error = await store.deleteRunsBefore(new Date(Number.NaN), 5).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ operation: 'delete', kind: 'invalid' });
    });
  });
}

describe('retention options', () => {
  it.each<[string, Partial<RetentionOptions>]>([
    ['maxAgeDays', { maxAgeDays: 0 }],
    ['maxAgeDays', { maxAgeDays: Number.NaN }],
    ['batchSize', { batchSize: 0 }],
    ['batchSize', { batchSize: 2.5 }],
    ['pauseMs', { pauseMs: -1 }],
  ])('rejects a bad %s before touching the store', async (option, fields) => {
    const store = await openStore(':memory:');
    const error = await applyRetention(store, { maxAgeDays: 30, ...fields }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetentionOptionsError);
    expect(error).toMatchObject({ option });
    await store.close();
  });
});

describe('on SQLite', () => {
  let dir: string;
  const file = (): string => join(dir, 'outpost.db');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outpost-retention-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describeRetention('SQLite', {
    open: () => openStore(file()),
    countRows: async (table) => {
      const db = new DatabaseSync(file());
      try {
        return Number(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n);
      } finally {
        db.close();
      }
    },
  });
});

describe.skipIf(postgresMissingReason !== undefined)('on PostgreSQL', () => {
  let server: PostgresServer;
  let databases = 0;
  let database = '';

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeRetention('PostgreSQL', {
    open: async () => {
      database = `retention_${++databases}`;
      return openStore(await server.createDatabase(database));
    },
    countRows: async (table) => (await server.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`, [], database))[0]?.n ?? -1,
  });
});
