import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { journey, step, type Journey } from '../../src/journey/index.js';
import { BrowserPool, buildLaunchOptions, discoverBrowser, runJourney } from '../../src/runner/index.js';
import type { BrowserRecycling, RecycleEvent } from '../../src/runner/browser-pool.js';
import { browserTreeRss } from '../../src/runner/process-tree-rss.js';
import { eventually } from './serve-harness.js';

/** Browser recycling in a real Chromium: after N runs, above an RSS threshold, and draining runs in progress. */
let shop: DemoShop;
let resultsDir: string;
const pools: BrowserPool[] = [];

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
  resultsDir = await mkdtemp(join(tmpdir(), 'outpost-recycle-'));
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});
afterAll(async () => {
  await shop.close();
  await rm(resultsDir, { recursive: true, force: true });
});

function pool(recycle: BrowserRecycling): { pool: BrowserPool; events: RecycleEvent[] } {
  const events: RecycleEvent[] = [];
  const created = new BrowserPool(buildLaunchOptions({ browser: discoverBrowser() }), { recycle: { ...recycle, onRecycle: (e) => void events.push(e) } });
  pools.push(created);
  return { pool: created, events };
}

function run(on: BrowserPool, j: Journey) {
  return runJourney({
    journey: j,
    target: { name: 'shop', baseURL: shop.url },
    location: 'test',
    pool: on,
    timeouts: { journeyMs: 30_000, stepMs: 15_000 },
    artifacts: { dir: resultsDir, trace: 'off', screenshot: 'off' },
  });
}

const openHome = journey({ name: 'home', steps: [step('open', async ({ page }) => void (await page.goto('/')))] });

describe('BrowserPool recycling', () => {
  it('relaunches after maxRuns runs, between runs', async () => {
    const { pool: p, events } = pool({ maxRuns: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await run(p, openHome)).status);
    expect(statuses).toEqual(['passed', 'passed', 'passed']);
    expect(p.getStats()).toMatchObject({ launches: 2, restarts: 1, recycles: 1 });
    expect(events).toEqual([{ reason: 'runs', runs: 2 }]);
  });

  it('lets a run in progress finish on the old browser, then closes it', async () => {
    const { pool: p } = pool({ maxRuns: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const browsers: Browser[] = [];
    const slow = journey({
      name: 'slow',
      steps: [step('hold', async ({ page }) => {
        await page.goto('/');
        browsers.push(page.context().browser()!);
        await gate;
        await page.reload();
      })],
    });
    const inProgress = run(p, slow);
    await eventually(() => browsers.length === 1, 'the slow run to open its page');
    const during = await run(p, openHome);
    expect(during.status).toBe('passed');
    expect(p.getStats()).toMatchObject({ launches: 2, recycles: 1, draining: 1, contexts: 1 });
    const old = browsers[0]!;
    expect(old.isConnected()).toBe(true);
    release();
    expect((await inProgress).status).toBe('passed');
    await eventually(() => !old.isConnected(), 'the retired browser to close after its last context');
    expect(p.getStats()).toMatchObject({ draining: 0, contexts: 0 });
  });

  it('relaunches when the browser tree grows past maxRssBytes', async () => {
    let rss = 1;
    const { pool: p, events } = pool({ maxRssBytes: 1_000, rssCheckIntervalMs: 0, readRss: async () => rss });
    expect((await run(p, openHome)).status).toBe('passed');
    rss = 5_000;
    expect((await run(p, openHome)).status).toBe('passed');
    expect(events).toEqual([{ reason: 'rss', runs: 1, rssBytes: 5_000 }]);
    expect(p.getStats()).toMatchObject({ launches: 2, recycles: 1 });
  });

  it('reads the RSS of the launched browser tree from /proc', async () => {
    const { pool: p } = pool({});
    expect(await browserTreeRss()).toBe(0);
    await p.probe();
    expect(await browserTreeRss()).toBeGreaterThan(20 * 1024 * 1024);
    await p.close();
    await eventually(async () => (await browserTreeRss()) === 0, 'the browser processes to exit');
  });
});
