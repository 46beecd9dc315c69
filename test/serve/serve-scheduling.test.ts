import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { API_PRODUCTS_JOURNEY, cleanUp, eventually, serveProject, startedRunsMatchStore, startServe, stopServe, type ServeProcess } from './serve-harness.js';

/**
 * `outpost serve` as a child process against a demo shop, with second-scale schedules: API-only
 * journeys keep it light, plus one browser journey. One daemon, observed until every behaviour
 * showed, then stopped with SIGTERM and its store read back.
 */
const JOURNEYS = {
  // Every second: the steady probe.
  products: API_PRODUCTS_JOURNEY,
  // Search fails half the time (seeded: fail, pass, fail, pass…): each slot passes on its retry.
  flaky: `import { journey, step } from 'outpost';
export default journey({ name: 'flaky-search', schedule: { every: '2s' }, steps: [
  step('search', async ({ request, expect }) => { expect((await request.get('/api/search?q=lamp')).status()).toBe(200); }),
] });`,
  // Takes 1.5 s on a 1 s schedule (and passes): every other slot comes while it runs.
  slow: `import { journey, step } from 'outpost';
export default journey({ name: 'slow', schedule: { cron: '* * * * * *' }, steps: [
  step('work', async () => { await new Promise((resolve) => setTimeout(resolve, 1500)); }),
] });`,
  home: `import { journey, step } from 'outpost';
export default journey({ name: 'browser-home', schedule: { every: '2s' }, steps: [
  step('open', async ({ page, expect }) => { await page.goto('/'); await expect(page.getByRole('searchbox')).toBeVisible(); }),
] });`,
  unscheduled: `import { journey, step } from 'outpost';
export default journey({ name: 'manual-only', steps: [step('noop', async () => {})] });`,
};

let shop: DemoShop;
let project: string;
let serve: ServeProcess;
let stored: JourneyResult[];
let metrics: string;
let readyz: { status: number; body: any };
let healthz: { status: number; body: any };
let canary: { status: number; body: any };
let board: { status: number; body: any };
let runPage: { status: number; text: string };
let exit: { code: number | null };

const runs = (journey: string) => stored.filter((r) => r.journey === journey);
const sessions = (results: JourneyResult[]) => new Set(results.map((r) => r.sessionId)).size;

beforeAll(async () => {
  shop = await startDemoShop({ port: 0, seed: 8, faults: [{ path: '/api/search', errorRate: 0.5 }] });
  project = await serveProject(JOURNEYS, { retries: 1, concurrency: 6 });
  serve = await startServe(['--retry-backoff', '100ms', '--grace', '20s', '--store', 'results.db'], { cwd: project, env: { SHOP_URL: shop.url } });
  const ended = (journey: string) => serve.events('run').filter((l) => l.fields.journey === journey);
  await eventually(
    () => ended('api-products').length >= 3 && serve.events('slot.degraded').length >= 1
      && ended('browser-home').length >= 1 && serve.events('slot.missed').some((l) => l.fields.journey === 'slow' && l.fields.reason === 'overlap'),
    'every journey to have run',
    90_000,
  );
  healthz = await getJson(`${serve.url}/healthz`);
  readyz = await getJson(`${serve.url}/readyz`);
  canary = await getJson(`${serve.url}/canary/analyses/no-such-id`);
  board = await getJson(`${serve.url}/api/v1/board`);
  const degradedRun = (await getJson(`${serve.url}/api/v1/runs?journey=flaky-search&limit=1`)).body.runs[0];
  const page = await fetch(`${serve.url}/runs/${degradedRun.id}`);
  runPage = { status: page.status, text: await page.text() };
  metrics = await (await fetch(`${serve.url}/metrics`)).text();
  ({ exit, stored } = await stopServe(serve, join(project, 'results.db')));
}, 150_000);

afterAll(() => cleanUp(shop, [project]));

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('outpost serve: scheduling (child process)', () => {
  it('says which journeys it does not probe, and probes the others on their planned slots', () => {
    expect(serve.events('serve.unscheduled')[0]?.fields.journeys).toBe('manual-only');
    expect(runs('manual-only')).toEqual([]);
    const planned = serve.events('run.start').filter((l) => l.fields.journey === 'api-products').map((l) => Date.parse(l.fields.planned!));
    // Slots of an interval are whole intervals apart (same jitter each), whatever the timers did.
    for (let i = 1; i < planned.length; i++) expect((planned[i]! - planned[0]!) % 1000).toBe(0);
    expect(new Set(planned).size).toBe(planned.length);
  });

  it('stores every run with the location, each started run exactly once', () => {
    expect(stored.length).toBeGreaterThanOrEqual(7);
    expect(stored.every((r) => r.location === 'test-loc' && r.target.name === 'shop')).toBe(true);
    const journal = startedRunsMatchStore(serve, stored);
    expect(journal.stored).toBe(journal.started);
    expect(journal.uniqueIds).toBe(journal.stored);
    expect(journal.storedIds).toEqual(journal.loggedIds);
    expect(runs('api-products').every((r) => r.status === 'passed')).toBe(true);
    expect(runs('browser-home').map((r) => r.status)).toContain('passed');
  });

  it('classifies a run that passed on its confirmation retry as degraded, keeping both attempts', () => {
    const first = runs('flaky-search').filter((r) => r.sessionId === runs('flaky-search')[0]!.sessionId);
    expect(first.map((r) => [r.attempt, r.status])).toEqual([[1, 'failed'], [2, 'passed']]);
    expect(serve.events('slot.degraded')[0]?.fields).toMatchObject({ journey: 'flaky-search', attempts: '2' });
    expect(metrics).toMatch(/^outpost_scheduler_runs_degraded_total\{journey="flaky-search",location="test-loc"\} [1-9]\d*$/m);
     // The run metrics say what each attempt meant for its probe: SLO rules count the probe as good.
    expect(metrics).toMatch(/^outpost_journey_runs_total\{journey="flaky-search",[^}]*outcome="retried",status="failed"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^outpost_journey_runs_total\{journey="flaky-search",[^}]*outcome="degraded",status="passed"\} [1-9]\d*$/m);
  });

  it('skips a slot that comes while the previous run is going, and counts it missed', () => {
    expect(serve.events('slot.missed').filter((l) => l.fields.journey === 'slow').map((l) => l.fields.reason)).toContain('overlap');
    expect(metrics).toMatch(/^outpost_scheduler_slots_missed_total\{journey="slow",location="test-loc",reason="overlap"\} [1-9]\d*$/m);
    expect(runs('slow').every((r) => r.status === 'passed')).toBe(true);
  });

  it('answers /healthz, /readyz (browser and store checked) and /metrics', () => {
    expect(healthz).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(readyz.status).toBe(200);
    expect(readyz.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([['browser', true], ['store', true]]);
    for (const series of [
      /^outpost_journey_runs_total\{journey="api-products",.*status="passed"\} \d+$/m,
      /^outpost_scheduler_runs_in_flight \d+$/m,
      /^outpost_scheduler_queue_depth \d+$/m,
      /^outpost_browser_restarts_total\{reason="crash"\} 0$/m,
      /^outpost_scheduler_run_errors_total\{journey="browser-home",location="test-loc",kind="run"\} 0$/m,
      /^outpost_scheduler_schedule_lag_seconds_count\{journey="api-products",location="test-loc"\} [1-9]\d*$/m,
      // One process on SQLite leads itself.
      /^outpost_leader 1$/m,
    ]) expect(metrics).toMatch(series);
    expect(healthz.body.leader).toBe(true);
    expect(serve.events('leader.acquired')).toHaveLength(1);
  });

  it('mounts the canary API under /canary', () => {
    expect(canary).toMatchObject({ status: 404, body: { error: expect.stringMatching(/no analysis with this id/) } });
  });

  it('serves the dashboard over what it stored: one default SLO per journey on the board, and run pages', () => {
    expect(board.status).toBe(200);
    const row = (journey: string) => board.body.rows.find((r: { journey: string }) => r.journey === journey);
    expect(board.body.rows.map((r: { slo: string }) => r.slo).sort()).toEqual(
      ['api-products', 'browser-home', 'flaky-search', 'manual-only', 'slow'].map((journey) => `${journey}-availability`),
    );
    expect(row('api-products')).toMatchObject({ status: 'ok', bad: 0 });
    expect(row('api-products').events).toBeGreaterThanOrEqual(3);
    expect(row('flaky-search').degradedRuns).toBeGreaterThanOrEqual(1);
    expect(row('manual-only')).toMatchObject({ status: 'no-data', events: 0 });
    expect(runPage.status).toBe(200);
    expect(runPage.text).toContain('flaky-search');
  });

  it('exits 0 after SIGTERM', () => {
    expect(exit.code).toBe(0);
    expect(serve.events('serve.stopped')).toHaveLength(1);
  });
});
