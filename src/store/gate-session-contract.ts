import { describe, expect, it } from 'vitest';
import type { GateSession } from './gate-session.js';
import { minimalResult } from './journey-result-fixture.js';
import type { ResultStore } from './result-store.js';
import { StoreError } from './store-errors.js';

/** A canary session with every field set. Not used outside tests. */
export function canaryGateSession(overrides: Partial<GateSession> = {}): GateSession {
  return {
    id: 'canary-1',
    kind: 'canary',
    startedAt: '2025-03-01T10:00:00.000Z',
    durationMs: 61_234.5,
    verdict: 'FAIL',
    score: 33.3,
    reason: 'checkout FAIL (critical success ratio is High)',
    interrupted: false,
    location: 'eu-west',
    targets: [
      { role: 'baseline', name: 'stable', url: 'https://stable.example.com' },
      { role: 'canary', name: 'next', url: 'https://next.example.com' },
    ],
    cujs: [
      {
        key: 'checkout',
        journey: 'checkout',
        verdict: 'FAIL',
        score: 33.3,
        reason: 'critical success ratio is High',
        metrics: [
          {
            id: 'success-ratio',
            name: 'success ratio',
            classification: 'High',
            decided: true,
            critical: true,
            reason: 'canary fails more often (p = 0.001)',
            baseline: { passed: 30, failed: 0, failureRate: 0 },
            canary: { passed: 22, failed: 8, failureRate: 0.2667 },
            pValue: 0.0012,
          },
          {
            id: 'step:pay',
            name: "step 'pay' latency",
            classification: 'Pass',
            decided: true,
            critical: false,
            reason: 'shift within tolerance',
            baseline: { count: 30, medianMs: 410, p95Ms: 700 },
            canary: { count: 22, medianMs: 415.5, p95Ms: 720 },
            shiftMs: { estimate: 5.5, lower: -10, upper: 21, confidenceLevel: 0.98 },
            pValue: 0.41,
            thresholdMs: 102.5,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** A verify session with no optional fields. */
export function verifyGateSession(overrides: Partial<GateSession> = {}): GateSession {
  return {
    id: 'verify-1',
    kind: 'verify',
    startedAt: '2025-03-01T09:00:00Z',
    durationMs: 5000,
    verdict: 'PASS',
    score: null,
    reason: 'every CUJ meets the pass rate',
    interrupted: false,
    location: 'local',
    targets: [{ role: 'target', name: 'production', url: 'https://shop.example.com' }],
    cujs: [],
    ...overrides,
  };
}

/** The gate-session part of the ResultStore contract (see describeResultStoreContract), and journey names. */
export function describeGateSessions(open: () => Promise<ResultStore>): void {
  describe('journey names', () => {
    it('lists each journey with runs once, sorted, and none for an empty store', async () => {
      const store = await open();
      expect(await store.journeyNames()).toEqual([]);
      const run = (id: string, journey: string) => minimalResult({ id, journey });
      await store.saveRuns([run('1', 'search'), run('2', 'checkout'), run('3', 'search'), run('4', 'Zeta'), run('5', 'a b')]);
      expect(await store.journeyNames()).toEqual(['Zeta', 'a b', 'checkout', 'search']);
    });
  });

  describe('gate sessions', () => {
    it('returns a session exactly as saved, and undefined for an unknown id', async () => {
      const store = await open();
      await store.saveGateSession(canaryGateSession());
      await store.saveGateSession(verifyGateSession());
      expect(await store.getGateSession('canary-1')).toStrictEqual(canaryGateSession());
      expect(await store.getGateSession('verify-1')).toStrictEqual(verifyGateSession());
      expect(await store.getGateSession('nope')).toBeUndefined();
    });

    it('lists newest first, by kind, page by page', async () => {
      const store = await open();
      const at = (hour: number) => new Date(Date.UTC(2025, 2, 1, hour)).toISOString();
      await store.saveGateSession(verifyGateSession({ id: 'v-old', startedAt: at(1) }));
      await store.saveGateSession(canaryGateSession({ id: 'c-mid', startedAt: at(2) }));
      await store.saveGateSession(verifyGateSession({ id: 'v-new', startedAt: at(3) }));
      await store.saveGateSession(verifyGateSession({ id: 'v-tie', startedAt: at(3) }));
      const ids = (sessions: GateSession[]) => sessions.map((s) => s.id);
      expect(ids(await store.queryGateSessions())).toEqual(['v-tie', 'v-new', 'c-mid', 'v-old']);
      expect(ids(await store.queryGateSessions({ kind: 'verify' }))).toEqual(['v-tie', 'v-new', 'v-old']);
      expect(ids(await store.queryGateSessions({ kind: 'canary' }))).toEqual(['c-mid']);
      expect(ids(await store.queryGateSessions({ limit: 2, offset: 1 }))).toEqual(['v-new', 'c-mid']);
    });

    it('rejects a second session with the same id as a conflict, and a startedAt that is no time as invalid', async () => {
      const store = await open();
      await store.saveGateSession(verifyGateSession());
      await expect(store.saveGateSession(verifyGateSession())).rejects.toMatchObject({ kind: 'conflict' });
      const error = await store.saveGateSession(verifyGateSession({ id: 'bad', startedAt: 'yesterday' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ kind: 'invalid' });
      await expect(store.queryGateSessions({ limit: -1 })).rejects.toMatchObject({ kind: 'invalid' });
    });
  });
}
