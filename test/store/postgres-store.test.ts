import { inspect } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult } from '../../src/journey/index.js';
import { fullResult, minimalResult } from '../../src/store/journey-result-fixture.js';
import { openStore } from '../../src/store/open-store.js';
import type { ResultStore } from '../../src/store/result-store.js';
import { describeResultStoreContract } from '../../src/store/result-store-contract.js';
import { StoreError } from '../../src/store/store-errors.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

if (postgresMissingReason) console.warn(`[postgres-store] skipping the real-PostgreSQL store tests: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('PostgreSQL result store', () => {
  let server: PostgresServer;
  let contractUrl: string;
  let url: string;

  beforeAll(async () => {
    server = await startPostgres();
    // An ICU locale sorts 'a' before 'Z'; the contract's byte-order test shows the store does not depend on it.
    contractUrl = await server.createDatabase('contract', { icuLocale: 'en-US' });
    url = await server.createDatabase('specifics');
  });

  afterAll(async () => {
    await server?.stop();
  });

  describeResultStoreContract('PostgreSQL', {
    reset: () => dropTables(contractUrl),
    open: () => openStore(contractUrl),
    exec: async (sql) => {
      const client = new pg.Client({ connectionString: contractUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
  });

  describe('specifics', () => {
    let opened: ResultStore[];
    const open = async (location = url, busyTimeoutMs?: number): Promise<ResultStore> => {
      const store = await openStore(location, { busyTimeoutMs });
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      opened = [];
      await dropTables(url);
    });

    afterEach(async () => {
      for (const store of opened) await store.close();
    });

    it('opens postgresql:// URLs as well as postgres:// ones', async () => {
      const store = await open(url.replace(/^postgres:/, 'postgresql:'));
      await store.saveRun(fullResult());
      expect(await (await open()).getRun('run-full')).toStrictEqual(fullResult());
    });

    it('lets replicas write at once, each seeing every run', async () => {
      const replicas = await Promise.all([open(), open(), open()]);
      const batches = replicas.flatMap((store, replica) =>
        Array.from({ length: 10 }, (_, batch) => store.saveRuns(runsOf(`r${replica}-b${batch}`, 20))),
      );
      await Promise.all(batches);
      for (const store of replicas) {
        expect(await store.countRuns()).toBe(600);
        expect(await store.getRun('r2-b9-19')).toStrictEqual(runsOf('r2-b9', 20)[19]);
      }
      const ids = (await replicas[0]!.queryRuns()).map((run) => run.id);
      expect(new Set(ids).size).toBe(600);
    });

    it('keeps every rollup resolution exact while replicas save and another folds at the same time', async () => {
      const replicas = await Promise.all([open(), open(), open()]);
      const folder = await open();
      const start = Date.UTC(2025, 0, 1);
      const minute = 60_000;
      // Each replica saves 10 batches over 3 hours, some late (for hours folded meanwhile).
      const saves = replicas.flatMap((store, replica) =>
        Array.from({ length: 10 }, (_, batch) =>
          store.saveRuns(
            Array.from({ length: 12 }, (_, i) =>
              minimalResult({
                id: `r${replica}-b${batch}-${i}`,
                journey: `j${i % 4}`,
                location: `l${replica}`,
                startedAt: new Date(start + ((batch * 17 + i * 13) % 180) * minute).toISOString(),
                status: i % 5 === 0 ? 'failed' : 'passed',
              }),
            ),
          ),
        ),
      );
      let folding = true;
      const folds = (async () => {
        while (folding) {
          await folder.rollups.foldNext('hour', start + 3 * 3_600_000);
          await folder.rollups.foldNext('day', start + 3 * 86_400_000);
        }
      })();
      await Promise.all(saves);
      folding = false;
      await folds;
      while ((await folder.rollups.foldNext('hour', start + 86_400_000)) !== undefined);
      while ((await folder.rollups.foldNext('day', start + 3 * 86_400_000)) !== undefined);
      const totals = async (resolution: 'minute' | 'hour' | 'day') => {
        const sums = await folder.rollups.sum({ resolution, fromMs: 0, toMs: start + 10 * 86_400_000 });
        return sums.reduce((t, s) => ({ runs: t.runs + s.runs, bad: t.bad + s.bad }), { runs: 0, bad: 0 });
      };
      expect(await totals('minute')).toEqual({ runs: 360, bad: 90 });
      expect(await totals('hour')).toEqual({ runs: 360, bad: 90 });
      expect(await totals('day')).toEqual({ runs: 360, bad: 90 });
      const states = await folder.rollups.minuteStates({ fromMs: 0, toMs: start + 86_400_000 });
      const stated = states.reduce((n, row) => n + [...row.states].filter((c) => c !== '.').length, 0);
      const minuteRows = await folder.rollups.rows({ resolution: 'minute', fromMs: 0, toMs: start + 86_400_000 });
      expect(stated).toBe(minuteRows.filter((r) => r.counts.runs > 0).length);
    });

    it('keeps working after the server drops its connections', async () => {
      const store = await open();
      await store.saveRun(minimalResult({ id: 'before' }));
      const killed = await server.query<{ done: boolean }>(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = 'specifics' AND application_name = 'outpost'",
      );
      expect(killed.length).toBeGreaterThan(0);
      await store.saveRun(minimalResult({ id: 'after' }));
      expect(await store.countRuns()).toBe(2);
    });

    it('fails a write blocked by another transaction past the busy timeout as retryable, carrying the cause', async () => {
      const store = await open(url, 50);
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query('BEGIN');
        // An uncommitted run with the same id: the store's insert must wait for this transaction.
        await other.query(
          `INSERT INTO runs (id, journey, cuj_id, location, target_name, target_url, status, started_at, started_at_ms,
                             duration_ms, attempt, artifacts_json, tags_json)
           VALUES ('run-minimal', 'j', 'c', 'l', 't', 'u', 'passed', '2025-01-01T00:00:00Z', 0, 1, 1, '{}', '[]')`,
        );
        const error = await store.saveRun(minimalResult()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ operation: 'save', kind: 'busy', retryable: true, cause: { code: '55P03' } });
        await other.query('ROLLBACK');
        await store.saveRun(minimalResult());
        expect(await store.getRun('run-minimal')).toStrictEqual(minimalResult());
      } finally {
        await other.end();
      }
    });

    it.each<[string, Partial<JourneyResult>]>([
      ['a NUL character in text', { journey: 'check\u0000out' }],
      ['a fractional attempt', { attempt: 1.5 }],
      ['a duration that is not a number', { durationMs: Number.NaN }],
    ])('rejects %s as invalid, storing nothing', async (_, fields) => {
      const store = await open();
      const error = await store.saveRuns([minimalResult({ id: 'good' }), minimalResult({ id: 'bad', ...fields })]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ operation: 'save', kind: 'invalid', retryable: false });
      expect(await store.countRuns()).toBe(0);
    });

    it('fails to open a database that does not exist, naming it', async () => {
      const error = await openStore(url.replace(/specifics$/, 'missing')).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'StoreError', operation: 'open', kind: 'failed', retryable: false });
      expect((error as Error).message).toContain('"missing" does not exist');
    });
  });

  describe('passwords', () => {
    const password = 'Pa55-w0rd_secret';
    let base: string;

    beforeAll(async () => {
      await server.createPasswordRole('outpost_app', password);
      await server.createDatabase('owned', { owner: 'outpost_app' });
      base = `postgres://outpost_app:%s@${server.host}:${server.port}/owned`;
    });

    const withPassword = (secret: string): string => base.replace('%s', encodeURIComponent(secret));
    const expectNoSecret = (error: unknown, secret: string): void => {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).not.toContain(secret);
      expect(inspect(error, { depth: 10 })).not.toContain(secret);
    };

    it('opens with the right password', async () => {
      const store = await openStore(withPassword(password));
      await store.saveRun(fullResult());
      expect(await store.countRuns()).toBe(1);
      await store.close();
    });

    it('keeps a wrong password out of the error', async () => {
      const error = await openStore(withPassword('wr0ng-secret')).catch((e: unknown) => e);
      expect(error).toMatchObject({ operation: 'open', kind: 'failed' });
      expect((error as Error).message).toContain('password authentication failed');
      expectNoSecret(error, 'wr0ng-secret');
    });

    it('cuts the password out even when the server quotes it', async () => {
      // The superuser is trusted, so its password is ignored; naming a missing database after it
      // makes the server's message quote the password text.
      const secret = 'quoted-s3cret';
      const error = await openStore(`postgres://${server.user}:${secret}@${server.host}:${server.port}/${secret}`).catch((e: unknown) => e);
      expect((error as Error).message).toContain('database "***" does not exist');
      expectNoSecret(error, secret);
    });
  });
});

function runsOf(prefix: string, count: number): JourneyResult[] {
  return Array.from({ length: count }, (_, i) =>
    fullResult({ id: `${prefix}-${i}`, startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() }),
  );
}

/** An empty database for the next test: the store re-creates the tables when it opens. */
async function dropTables(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Every table, whichever migrations created them.
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}
