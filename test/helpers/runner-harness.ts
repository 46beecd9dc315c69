import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import type { Journey, JourneyResult } from '../../src/journey/index.js';
import { BrowserPool, buildLaunchOptions, discoverBrowser, runJourney, type BrowserPoolOptions, type RunJourneyOptions } from '../../src/runner/index.js';

/** A demo shop on a free port, one warm browser, and a temp results folder. */
export interface RunnerHarness {
  shop: DemoShop;
  pool: BrowserPool;
  resultsDir: string;
  run(journey: Journey, overrides?: Partial<RunJourneyOptions>): Promise<JourneyResult>;
  close(): Promise<void>;
}

export const SHOP_PASSWORD = 'harness-secret-pw-7319';

export async function startRunnerHarness(poolOptions?: BrowserPoolOptions): Promise<RunnerHarness> {
  const shop = await startDemoShop({ port: 0, password: SHOP_PASSWORD });
  const pool = new BrowserPool(buildLaunchOptions({ browser: discoverBrowser() }), poolOptions);
  const resultsDir = await mkdtemp(join(tmpdir(), 'outpost-results-'));
  return {
    shop,
    pool,
    resultsDir,
    run: (journey, overrides = {}) =>
      runJourney({
        journey,
        target: { name: 'demo-shop', baseURL: shop.url },
        location: 'test',
        pool,
        timeouts: { journeyMs: 30_000, stepMs: 10_000 },
        artifacts: { dir: resultsDir, trace: 'on-failure', screenshot: 'on-failure' },
        ...overrides,
      }),
    close: async () => {
      await pool.close();
      await shop.close();
      await rm(resultsDir, { recursive: true, force: true });
    },
  };
}
