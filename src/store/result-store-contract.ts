import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult, StepResult } from '../journey/index.js';
import { fullResult, minimalResult } from './journey-result-fixture.js';
import type { ResultStore, RunQuery } from './result-store.js';
import { StoreError } from './store-errors.js';
import { describeGateSessions } from './gate-session-contract.js';
import { describeRollupContract, type RawExec } from './rollup-store-contract.js';

/** How the contract reaches one implementation's database. */
export interface ResultStoreHarness {
  /** Gives the next test an empty database (called before each test, after the previous one's stores are closed). */
  reset(): Promise<void>;
  /** Opens a new store on the current test's database; every call reaches the same database. */
  open(): Promise<ResultStore>;
  /** Runs SQL on the current test's database without the store (tests that age a database). */
  exec?: RawExec;
}

/**
 * The behaviour every {@link ResultStore} must have, as a vitest suite: each implementation's test
 * file calls it with its own harness, so SQLite and PostgreSQL are held to the same contract.
 * Not used outside tests.
 */
export function describeResultStoreContract(name: string, harness: ResultStoreHarness): void {
  describe(`${name}: the ResultStore contract`, () => {
    let opened: ResultStore[] = [];
    const open = async (): Promise<ResultStore> => {
      const store = await harness.open();
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      opened = [];
      await harness.reset();
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
    });

    describeRoundTrip(open);
    describeQueries(open);
    describeWrites(open);
    describeCoverage(open);
    describeSharing(open);
    describeGateSessions(open);
    describeRollupContract(open, harness.exec);
  });
}

type Open = () => Promise<ResultStore>;

function describeRoundTrip(open: Open): void {
  describe('round trip', () => {
    it('returns a full result exactly as saved', async () => {
      const store = await open();
      await store.saveRun(fullResult());
      expect(await store.getRun('run-full')).toStrictEqual(fullResult());
    });

    it('keeps absent optional fields absent', async () => {
      const store = await open();
      await store.saveRun(minimalResult());
      const loaded = await store.getRun('run-minimal');
      expect(loaded).toStrictEqual(minimalResult());
      expect(Object.keys(loaded ?? {})).not.toContain('sessionId');
      expect(Object.keys(loaded ?? {})).not.toContain('traceId');
      expect(Object.keys(loaded ?? {})).not.toContain('error');
      expect(Object.keys(loaded?.cuj ?? {})).toEqual(['id']);
    });

    it('returns steps in index order, numerically', async () => {
      const steps: StepResult[] = Array.from({ length: 12 }, (_, index) => ({
        index,
        name: `step ${index}`,
        soft: false,
        status: 'passed',
        durationMs: index,
      }));
      const store = await open();
      await store.saveRun(minimalResult({ steps: [...steps].reverse() }));
      expect((await store.getRun('run-minimal'))?.steps).toStrictEqual(steps);
    });

    it('keeps startedAt text as written while ordering by instant', async () => {
      const store = await open();
      await store.saveRuns([
        minimalResult({ id: 'offset', startedAt: '2025-03-01T12:30:00+02:00' }), // 10:30Z
        minimalResult({ id: 'utc', startedAt: '2025-03-01T11:00:00Z' }),
      ]);
      const runs = await store.queryRuns();
      expect(runs.map((r) => [r.id, r.startedAt])).toEqual([
        ['utc', '2025-03-01T11:00:00Z'],
        ['offset', '2025-03-01T12:30:00+02:00'],
      ]);
    });

    it('answers undefined for an unknown id', async () => {
      const store = await open();
      expect(await store.getRun('nope')).toBeUndefined();
    });
  });
}

function describeQueries(open: Open): void {
  describe('queries', () => {
    const at = (minute: number): string => new Date(Date.UTC(2025, 2, 1, 10, minute)).toISOString();
    const runs: JourneyResult[] = [
      minimalResult({ id: 'a', journey: 'search', location: 'eu', startedAt: at(0), status: 'passed', sessionId: 's1' }),
      minimalResult({ id: 'b', journey: 'checkout', location: 'eu', startedAt: at(1), status: 'failed', sessionId: 's1' }),
      minimalResult({ id: 'c', journey: 'search', location: 'us', startedAt: at(2), status: 'timedOut' }),
      minimalResult({ id: 'd', journey: 'login', location: 'us', startedAt: at(3), status: 'passed', cuj: { id: 'sign-in' } }),
      minimalResult({
        id: 'e',
        journey: 'search',
        location: 'eu',
        startedAt: at(4),
        status: 'error',
        target: { name: 'canary', url: 'https://canary.example.com' },
        sessionId: 's2',
      }),
    ];
    let store: ResultStore;
    const ids = async (query: RunQuery): Promise<string[]> => (await store.queryRuns(query)).map((r) => r.id);

    beforeEach(async () => {
      store = await open();
      await store.saveRuns(runs);
    });

    it('returns everything newest first', async () => {
      expect(await ids({})).toEqual(['e', 'd', 'c', 'b', 'a']);
    });

    it('filters by journey, one or several', async () => {
      expect(await ids({ journey: 'search' })).toEqual(['e', 'c', 'a']);
      expect(await ids({ journey: ['checkout', 'login'] })).toEqual(['d', 'b']);
      expect(await ids({ journey: [] })).toEqual([]);
    });

    it('filters by cuj, location, target and session', async () => {
      expect(await ids({ cuj: 'sign-in' })).toEqual(['d']);
      expect(await ids({ location: 'us' })).toEqual(['d', 'c']);
      expect(await ids({ target: 'canary' })).toEqual(['e']);
      expect(await ids({ target: 'staging' })).toEqual(['d', 'c', 'b', 'a']);
      expect(await ids({ sessionId: 's1' })).toEqual(['b', 'a']);
    });

    it('filters by status, one or several', async () => {
      expect(await ids({ status: 'passed' })).toEqual(['d', 'a']);
      expect(await ids({ status: ['failed', 'timedOut', 'error'] })).toEqual(['e', 'c', 'b']);
    });

    it('combines filters with AND', async () => {
      expect(await ids({ journey: 'search', location: 'eu', status: 'passed' })).toEqual(['a']);
    });

    it('treats the time range as [from, to)', async () => {
      expect(await ids({ from: at(1), to: at(3) })).toEqual(['c', 'b']);
      expect(await ids({ from: new Date(at(1)), to: new Date(at(3)) })).toEqual(['c', 'b']);
      expect(await ids({ from: at(4) })).toEqual(['e']);
      expect(await ids({ to: at(0) })).toEqual([]);
      // A bound written with another offset means the same instant.
      expect(await ids({ from: '2025-03-01T12:02:00+02:00' })).toEqual(['e', 'd', 'c']);
    });

    it('pages with limit and offset over the newest-first order', async () => {
      expect(await ids({ limit: 2 })).toEqual(['e', 'd']);
      expect(await ids({ limit: 2, offset: 2 })).toEqual(['c', 'b']);
      expect(await ids({ offset: 3 })).toEqual(['b', 'a']);
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it('breaks startedAt ties by id, so pages do not overlap', async () => {
      // Saved in the opposite order, so insertion order cannot pass for the tie-break.
      await store.saveRuns([minimalResult({ id: 'x2', startedAt: at(9) }), minimalResult({ id: 'x1', startedAt: at(9) })]);
      expect(await ids({ limit: 1 })).toEqual(['x2']);
      expect(await ids({ limit: 1, offset: 1 })).toEqual(['x1']);
    });

    it('compares tied ids byte by byte, whatever the database locale', async () => {
      // Bytes put 'Z' (0x5a) before 'a' (0x61); most human collations put 'a' first.
      await store.saveRuns(['a', 'Z', 'é'].map((id) => minimalResult({ id: `tie-${id}`, startedAt: at(9) })));
      expect(await ids({ from: at(9) })).toEqual(['tie-é', 'tie-a', 'tie-Z']);
    });

    it('counts matching runs, ignoring limit and offset', async () => {
      expect(await store.countRuns()).toBe(5);
      expect(await store.countRuns({ location: 'eu', limit: 1, offset: 1 })).toBe(3);
      expect(await store.countRuns({ from: at(1), to: at(3) })).toBe(2);
      expect(await store.countRuns({ status: [] })).toBe(0);
    });

    it('loads the steps of queried runs', async () => {
      await store.saveRun(fullResult());
      const [found] = await store.queryRuns({ sessionId: 'session-1' });
      expect(found).toStrictEqual(fullResult());
    });

    it('rejects a query it cannot run as an invalid StoreError', async () => {
      for (const query of [{ from: 'yesterday' }, { limit: -1 }, { offset: 1.5 }]) {
        const error = await store.queryRuns(query).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ kind: 'invalid', retryable: false });
      }
      await expect(store.countRuns({ to: 'soon' })).rejects.toMatchObject({ kind: 'invalid' });
    });
  });
}

function describeWrites(open: Open): void {
  describe('writes', () => {
    it('saves a batch in one call', async () => {
      const store = await open();
      const batch = Array.from({ length: 2000 }, (_, i) =>
        fullResult({ id: `run-${i}`, startedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }),
      );
      await store.saveRuns(batch);
      expect(await store.countRuns()).toBe(2000);
      expect(await store.getRun('run-1234')).toStrictEqual(batch[1234]);
      expect(await store.queryRuns({ limit: 3 })).toStrictEqual([batch[1999], batch[1998], batch[1997]]);
    });

    it('accepts an empty batch', async () => {
      const store = await open();
      await store.saveRuns([]);
      expect(await store.countRuns()).toBe(0);
    });

    it('saves all of a batch or none of it', async () => {
      const store = await open();
      await store.saveRun(minimalResult({ id: 'taken' }));
      const batch = [minimalResult({ id: 'new-1' }), minimalResult({ id: 'taken' }), minimalResult({ id: 'new-2' })];
      const error = await store.saveRuns(batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ operation: 'save', kind: 'conflict', retryable: false });
      expect(await store.getRun('new-1')).toBeUndefined();
      expect(await store.countRuns()).toBe(1);
    });

    it('rejects a batch that repeats an id as a conflict, storing none of it', async () => {
      const store = await open();
      const error = await store.saveRuns([fullResult({ id: 'twice' }), minimalResult({ id: 'twice' })]).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'StoreError', kind: 'conflict' });
      expect(await store.countRuns()).toBe(0);
    });

    it('rejects a startedAt that is not a time, storing nothing', async () => {
      const store = await open();
      await expect(store.saveRun(minimalResult({ startedAt: 'not a time' }))).rejects.toMatchObject({
        name: 'StoreError',
        kind: 'invalid',
      });
      expect(await store.countRuns()).toBe(0);
    });
  });
}

function describeCoverage(open: Open): void {
  const api = (step: number, path: string, status: number, count: number, totalMs: number) => ({
    step, method: 'GET', host: 'shop.example.com', path, status, count, totalMs,
  });

  describe('endpoint coverage', () => {
    it('round-trips the endpoints of a run', async () => {
      const store = await open();
      const run = fullResult({ id: 'a', endpoints: [api(0, '/', 200, 1, 40), api(2, '/api/checkout', 503, 2, 300)] });
      await store.saveRun(run);
      expect(await store.getRun('a')).toStrictEqual(run);
      expect(await store.queryRuns()).toStrictEqual([run]);
    });

    it('aggregates endpoints per journey and step across the matching runs', async () => {
      const store = await open();
      await store.saveRuns([
        fullResult({ id: 'a', startedAt: '2025-03-01T10:00:00Z', endpoints: [api(0, '/', 200, 1, 40), api(2, '/api/checkout', 200, 1, 100)] }),
        fullResult({ id: 'b', startedAt: '2025-03-01T10:01:00Z', endpoints: [api(0, '/', 200, 2, 60), api(2, '/api/checkout', 503, 1, 900)] }),
        fullResult({ id: 'c', startedAt: '2025-03-01T10:02:00Z', location: 'us-east', endpoints: [api(0, '/', 200, 1, 10)] }),
        fullResult({ id: 'd', journey: 'search', endpoints: [api(0, '/api/search', 200, 1, 5)] }),
      ]);
      const rows = await store.queryCoverage({ journey: 'checkout', location: 'eu-west' });
      expect(rows).toEqual([
        { journey: 'checkout', step: 0, stepName: 'open home', method: 'GET', host: 'shop.example.com', path: '/', status: 200, runs: 2, requests: 3, meanMs: 100 / 3, lastSeen: '2025-03-01T10:01:00.000Z' },
        { journey: 'checkout', step: 2, stepName: 'pay', method: 'GET', host: 'shop.example.com', path: '/api/checkout', status: 200, runs: 1, requests: 1, meanMs: 100, lastSeen: '2025-03-01T10:00:00.000Z' },
        { journey: 'checkout', step: 2, stepName: 'pay', method: 'GET', host: 'shop.example.com', path: '/api/checkout', status: 503, runs: 1, requests: 1, meanMs: 900, lastSeen: '2025-03-01T10:01:00.000Z' },
      ]);
      expect((await store.queryCoverage({})).map((r) => r.journey)).toContain('search');
    });

    it('answers no rows for runs without endpoints, and an unknown step name as undefined', async () => {
      const store = await open();
      await store.saveRun(minimalResult({ id: 'bare' }));
      expect(await store.queryCoverage()).toEqual([]);
      await store.saveRun(minimalResult({ id: 'stepless', endpoints: [api(7, '/x', 0, 1, 3)] }));
      expect(await store.queryCoverage()).toMatchObject([{ step: 7, stepName: undefined, status: 0, runs: 1 }]);
    });
  });
}

function describeSharing(open: Open): void {
  describe('the database', () => {
    it('is shared by two stores: each reads what the other wrote', async () => {
      const writer = await open();
      const reader = await open();
      await writer.saveRun(fullResult());
      expect(await reader.getRun('run-full')).toStrictEqual(fullResult());
      await reader.saveRun(minimalResult());
      expect(await writer.countRuns()).toBe(2);
    });

    it('keeps runs across close and re-open', async () => {
      const first = await open();
      await first.saveRun(fullResult());
      await first.close();
      const second = await open();
      expect(await second.getRun('run-full')).toStrictEqual(fullResult());
    });

    it('refuses calls after close, and closing twice is harmless', async () => {
      const store = await open();
      await store.close();
      await store.close();
      await expect(store.getRun('x')).rejects.toMatchObject({ name: 'StoreError', kind: 'closed' });
      await expect(store.saveRun(minimalResult())).rejects.toMatchObject({ kind: 'closed' });
      await expect(store.queryCoverage()).rejects.toMatchObject({ kind: 'closed' });
    });
  });
}
