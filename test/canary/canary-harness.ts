import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SessionRunOptions } from '../../src/canary/index.js';
import { startDemoShop, type DemoShop, type FaultRule } from '../../src/demo-shop/index.js';
import { BrowserPool } from '../../src/runner/index.js';
import apiCheckout from './fixtures/journeys/api-checkout.journey.js';
import apiSearch from './fixtures/journeys/api-search.journey.js';

export { apiCheckout, apiSearch };

/** The API-only journeys the canary tests compare: cheap runs that exercise checkout and search. */
export const FIXTURE_JOURNEYS_DIR = resolve(import.meta.dirname, 'fixtures', 'journeys');

export const SHOP_PASSWORD = 'canary-test-pw';

/** 20% of orders fail on the canary (seeded, so the failure count is the same every time). */
export const CHECKOUT_FAILURES: FaultRule[] = [{ path: '/api/checkout', method: 'POST', errorRate: 0.2 }];

/** Search answers 400 ms later on the canary. */
export const SLOW_SEARCH: FaultRule[] = [{ path: '/api/search', delayMs: 400 }];

/** Baseline and canary demo shops on their own ports; the canary gets `faults`. */
export interface ShopPair {
  baseline: DemoShop;
  canary: DemoShop;
  close(): Promise<void>;
}

export async function startShopPair(faults: FaultRule[] = [], seed = 7): Promise<ShopPair> {
  const [baseline, canary] = await Promise.all([
    startDemoShop({ port: 0, password: SHOP_PASSWORD, faults: [], seed }),
    startDemoShop({ port: 0, password: SHOP_PASSWORD, faults, seed }),
  ]);
  return { baseline, canary, close: async () => void (await Promise.all([baseline.close(), canary.close()])) };
}

/** Runner options for API-only sessions: a pool that is never launched and a temp results folder. */
export interface SessionHarness {
  run: SessionRunOptions;
  close(): Promise<void>;
}

export async function startSessionHarness(): Promise<SessionHarness> {
  const pool = new BrowserPool({});
  const resultsDir = await mkdtemp(join(tmpdir(), 'outpost-canary-'));
  return {
    run: {
      location: 'test',
      pool,
      timeouts: { journeyMs: 30_000, stepMs: 10_000 },
      artifacts: { dir: resultsDir, trace: 'off', screenshot: 'off' },
      secrets: { SHOP_PASSWORD },
    },
    close: async () => {
      await pool.close();
      await rm(resultsDir, { recursive: true, force: true });
    },
  };
}
