import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Dialog, type Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildLaunchOptions, discoverBrowser } from '../../src/runner/index.js';
import { defaultSlo, resolveSlo } from '../../src/scoring/index.js';
import { createDashboardApp, startHttpServer, storeAlertSource, type HttpServer } from '../../src/server/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { CHECKOUT_ERROR, EXPECTED_BOARD, FIRING_ALERT, seedAlerts, seedDashboardStore, XSS_ERROR, XSS_STEP } from './dashboard-seed.js';

/** Full-page screenshots a person can look at after the run (test-results/ is not committed). */
const ARTIFACTS = join(REPO_ROOT, 'test-results', 'dashboard');

let dir: string;
let store: ResultStore;
let server: HttpServer;
let browser: Browser;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-dashboard-browser-'));
  await mkdir(ARTIFACTS, { recursive: true });
  store = await openStore(join(dir, 'outpost.db'));
  await seedDashboardStore(store, join(dir, 'results'), Date.now());
  await seedAlerts(store, Date.now());
  const app = createDashboardApp({
    alerts: storeAlertSource(store.alerts),
    store,
    resultsDir: join(dir, 'results'),
    access: { kind: 'open' },
    slos: EXPECTED_BOARD.map((row) => resolveSlo(defaultSlo(row.journey))),
    traceUrlTemplate: 'https://jaeger.example.com/trace/{traceId}',
    refreshMs: 500,
  });
  server = await startHttpServer(app, '127.0.0.1', 0);
  browser = await chromium.launch(buildLaunchOptions({ browser: discoverBrowser() }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  dialogs = [];
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return () => page.close();
});

const boardRows = () => page.locator('#board tbody tr');

describe('the dashboard in Chromium', () => {
  it('lists the CUJs on the board in urgency order with the right numbers', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => boardRows().count(), { timeout: 20_000 }).toBe(EXPECTED_BOARD.length);
    const rows = await boardRows().evaluateAll((trs) =>
      trs.map((tr) => ({
        journey: tr.querySelector('a.cuj')?.textContent,
        status: tr.className.replace('row-', ''),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
      })),
    );
    expect(rows.map((row) => [row.journey, row.status])).toEqual(EXPECTED_BOARD.map((row) => [row.journey, row.status]));
    for (const [i, expected] of EXPECTED_BOARD.entries()) {
      expect(rows[i]!.cells.at(-1)).toBe(`${expected.bad} / ${expected.events}`);
      expect(rows[i]!.cells.at(-2)).toBe(String(expected.degraded));
    }
    // Alert state as the alerting cycle stored it.
    expect(rows.map((row) => row.cells[6])).toEqual(['firing page page-1h', 'firing ticket ticket-24h', 'resolved', 'none', 'none', 'none']);
    expect(rows[3]!.cells[3]).toBe(`${(100 * (1 - 1 / (0.005 * 864))).toFixed(1)}%`);
    expect(rows[5]!.cells[3]).toBe('no data');
    await page.screenshot({ path: join(ARTIFACTS, 'board.png'), fullPage: true });
  });

  it('goes from the board to a failing journey and its failed run: failing step, error and screenshot', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#board a.cuj', { hasText: 'checkout' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('checkout');
    expect(await page.locator('.strip rect.st-failed').count()).toBe(12);
    await page.locator('table.runs tbody tr').first().locator('a').first().click();
    await page.waitForURL(/\/runs\/checkout-0$/);
    expect(await page.locator('.failing-step').textContent()).toBe('pay');
    expect(await page.locator('.error-message').textContent()).toBe(CHECKOUT_ERROR);
    const screenshot = page.locator('.screenshot img');
    await expect.poll(() => screenshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    expect(await page.locator('a[download]').getAttribute('href')).toBe('/runs/checkout-0/trace');
    expect(await page.locator('text=npx playwright show-trace checkout-checkout-0-trace.zip').count()).toBe(1);
    expect(await page.locator('a', { hasText: 'open in the tracing UI' }).getAttribute('href')).toBe('https://jaeger.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736');
    expect(await page.locator('table.waterfall tbody tr').count()).toBe(3);
    expect(await page.locator('table.coverage').textContent()).toContain('/api/orders');
    await page.screenshot({ path: join(ARTIFACTS, 'run.png'), fullPage: true });
  });

  it('runs none of the XSS payloads stored in a step name and an error, and shows them as text', async () => {
    for (const path of ['/runs/search-100', '/journeys/search', '/runs?journey=search', '/']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('load');
      const injected = await page.evaluate(() => ({
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.scripts].filter((s) => s.textContent?.includes('alert')).length,
        handlers: document.querySelectorAll('[onerror]').length,
      }));
      expect(injected, path).toEqual({ images: 0, scripts: 0, handlers: 0 });
    }
    await page.goto(`${server.url}/runs/search-100`);
    expect(await page.locator('.failing-step').textContent()).toBe(XSS_STEP);
    expect(await page.locator('.error-message').textContent()).toBe(XSS_ERROR);
    // Give any injected handler time to fire before concluding it did not.
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });

  it('answers 404 to path traversal from the browser too', async () => {
    for (const path of ['/runs/..%2F..%2Foutpost.db/screenshot', '/runs/checkout-0/..%2F..%2Foutpost.db', '/assets/..%2F..%2Fpackage.json']) {
      expect((await page.request.get(`${server.url}${path}`)).status(), path).toBe(404);
    }
  });

  it('refreshes the board without reloading the page when a new run is stored', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const loginCells = () => page.locator('#board tr[data-slo="login-availability"] td').last().textContent();
    expect(await loginCells()).toBe('0 / 864');
    await store.saveRun(minimalResult({ id: 'login-live', journey: 'login', status: 'failed', startedAt: new Date().toISOString() }));
    await expect.poll(loginCells, { timeout: 15_000 }).toBe('1 / 865');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await store.saveRun(minimalResult({ id: 'checkout-live', journey: 'checkout', status: 'passed', startedAt: new Date().toISOString() }));
    await page.goto(`${server.url}/journeys/checkout?hours=1`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const recent = () => page.locator('table.runs tbody tr').count();
    const before = await recent();
    await store.saveRun(minimalResult({ id: 'checkout-live-2', journey: 'checkout', status: 'passed', startedAt: new Date().toISOString() }));
    await expect.poll(recent, { timeout: 15_000 }).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('shows the firing alert with its timeline and delivery status per channel, then the resolved one', async () => {
    await page.goto(`${server.url}/alerts`);
    const firing = page.locator('article.alert-firing');
    expect(await firing.count()).toBe(2);
    const checkout = page.locator('article.alert-firing', { hasText: FIRING_ALERT.slo });
    expect(await checkout.locator('h3').textContent()).toContain('firing page');
    expect(await checkout.locator('h3').textContent()).toContain(`tier ${FIRING_ALERT.tier}`);
    expect(await checkout.textContent()).toContain(CHECKOUT_ERROR);
    const deliveries = await checkout.locator('table.deliveries tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
    expect(deliveries.sort()).toEqual([['pagerduty', 'trigger', 'failed-retrying', '1'], ['slack', 'trigger', 'delivered', '1']]);
    expect(await checkout.locator('table.deliveries').textContent()).toContain(FIRING_ALERT.pagerDutyError);
    expect(await checkout.locator('.timeline-events li').allTextContents()).toEqual([
      expect.stringMatching(/fired page-1h \(page\)$/),
      expect.stringMatching(/trigger queued to (slack|pagerduty)$/),
      expect.stringMatching(/trigger queued to (slack|pagerduty)$/),
      expect.stringMatching(/trigger (delivered to slack|failed, retrying to pagerduty: HTTP 503)/),
      expect.stringMatching(/trigger (delivered to slack|failed, retrying to pagerduty: HTTP 503)/),
    ]);
    await checkout.locator('a', { hasText: 'the latest failed run' }).click();
    await page.waitForURL(/\/runs\/checkout-0$/);
    await page.goto(`${server.url}/alerts`);
    expect(await page.locator('article.alert-resolved').count()).toBe(1);
    expect(await page.locator('article.alert-resolved h3').textContent()).toContain('cart');
  });

  it('shows the board table with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(`${server.url}/`);
    expect(await noScript.locator('#board tbody tr').count()).toBe(EXPECTED_BOARD.length + 0);
    expect(await noScript.locator('#board tbody tr').first().locator('a.cuj').textContent()).toBe('checkout');
    await context.close();
  });
});
