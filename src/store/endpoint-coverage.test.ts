import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fullResult } from './journey-result-fixture.js';
import { openStore } from './open-store.js';
import type { ResultStore } from './result-store.js';

let store: ResultStore;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

const api = (step: number, path: string, status: number, count: number, totalMs: number) => ({ step, method: 'GET', host: 'shop.example.com', path, status, count, totalMs });

describe('endpoint coverage', () => {
  it('round-trips the endpoints of a run', async () => {
    const run = fullResult({ id: 'a', endpoints: [api(0, '/', 200, 1, 40), api(2, '/api/checkout', 503, 2, 300)] });
    await store.saveRun(run);
    expect(await store.getRun('a')).toStrictEqual(run);
  });

  it('aggregates endpoints per journey and step across the matching runs', async () => {
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
});
