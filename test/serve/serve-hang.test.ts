import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { cleanUp, eventually, serveProject, startedRunsMatchStore, startServe, stopServe, type ServeProcess } from './serve-harness.js';

/**
 * A browser journey that never returns, under `outpost serve`: each attempt is killed at the
 * journey's timeout and its browser context closed, and the next slot runs.
 */
const HANG = `import { journey, step } from 'outpost';
export default journey({ name: 'hang', schedule: { every: '3s' }, timeout: '1s', steps: [
  step('open and wait forever', async ({ page }) => { await page.goto('/'); await new Promise(() => {}); }),
] });`;

let shop: DemoShop;
let project: string;
let serve: ServeProcess;
let idle: { inFlight: number; browser: { contexts: number; pages: number; launches: number } } | undefined;
let idleMetrics = '';
let stored: JourneyResult[];
let exit: { code: number | null };

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
  project = await serveProject({ hang: HANG }, { retries: 1, concurrency: 2 });
  serve = await startServe(['--retry-backoff', '100ms', '--store', 'hang.db'], { cwd: project, env: { SHOP_URL: shop.url } });
  await eventually(() => serve.events('run').length >= 4, 'two slots of two attempts each', 90_000);
  // Between slots nothing runs: every context of the timed-out attempts must be closed by then.
  await eventually(async () => {
    const status = await (await fetch(`${serve.url}/healthz`)).json();
    if (status.inFlight !== 0) return false;
    idle = status;
    idleMetrics = await (await fetch(`${serve.url}/metrics`)).text();
    return /^outpost_scheduler_runs_in_flight 0$/m.test(idleMetrics);
  }, 'a moment between slots');
  ({ exit, stored } = await stopServe(serve, join(project, 'hang.db')));
}, 150_000);

afterAll(() => cleanUp(shop, [project]));

describe('outpost serve: a hanging journey (child process)', () => {
  it('times out every attempt at the journey timeout, stores each, and runs the next slot', () => {
    const sessions = new Set(stored.map((r) => r.sessionId));
    expect(sessions.size).toBeGreaterThanOrEqual(2);
    expect(stored.every((r) => r.status === 'timedOut')).toBe(true);
    expect(stored.slice(0, 2).map((r) => r.attempt)).toEqual([1, 2]);
    expect(stored[0]!.steps[0]!.error?.message).toMatch(/journey timeout of \d+ ms exceeded/);
    const journal = startedRunsMatchStore(serve, stored);
    expect(journal.stored).toBe(journal.started);
    expect(journal.storedIds).toEqual(journal.loggedIds);
  });

  it('closes the context of each killed attempt, on the one warm browser', () => {
    expect(idle).toMatchObject({ inFlight: 0, browser: { contexts: 0, pages: 0, launches: 1 } });
    expect(idleMetrics).toMatch(/^outpost_browser_contexts 0$/m);
    expect(idleMetrics).toMatch(/^outpost_browser_pages 0$/m);
  });

  it('shuts down cleanly', () => {
    expect(exit.code).toBe(0);
  });
});
