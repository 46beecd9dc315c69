import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLaunchOptions, discoverBrowser } from '../../src/runner/index.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, REPO_ROOT, runCli } from '../helpers/cli.js';
import { FIRING_ALERT, seedAlerts, seedDashboardStore } from './dashboard-seed.js';

const TOKEN = 'ui-cli-token-0123456789abcdef';
const CONFIG = `import { defineConfig } from 'outpost';
export default defineConfig({ secrets: { CARD_TEXT: { env: 'CARD_TEXT' } } });
`;

let project: string;
let browser: Browser;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  project = await makeProject({ 'outpost.config.ts': CONFIG });
  const store = await openStore(join(project, '.outpost', 'outpost.db'));
  await seedDashboardStore(store, join(project, '.outpost', 'results'), Date.now());
  // Alert history an `outpost serve` with alerting left in the store; this project configures no channels.
  await seedAlerts(store, Date.now());
  await store.close();
  browser = await chromium.launch(buildLaunchOptions({ browser: discoverBrowser() }));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await browser?.close();
  await rm(project, { recursive: true, force: true });
});

/** Starts `outpost ui` and resolves once it says where it listens. */
async function startUi(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ port: number; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'outpost.js'), 'ui', '--port', '0', ...args], { cwd: project, env: { ...process.env, OUTPOST_UI_TOKEN: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const match = /Outpost dashboard on http:\/\/[^:]+:(\d+)/.exec(stderr);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`outpost ui exited:\n${stderr}`)));
  });
  return {
    port,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      children.delete(child);
      return code;
    },
  };
}

describe('outpost ui (child process)', () => {
  it('refuses to serve a non-loopback interface without a token: exit 2 and how to fix it', async () => {
    const result = await runCli(['ui', '--host', '0.0.0.0', '--port', '0'], { cwd: project, env: { OUTPOST_UI_TOKEN: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: refusing to serve the dashboard on 0\.0\.0\.0 without authentication/);
    expect(result.stderr).toContain('--token or OUTPOST_UI_TOKEN');
    const short = await runCli(['ui', '--host', '0.0.0.0', '--token', 'short'], { cwd: project });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 16 characters/);
  });

  it('bound to 0.0.0.0 with a token: the board needs the token, given through the login form or as a bearer header', async () => {
    const ui = await startUi(['--host', '0.0.0.0'], { OUTPOST_UI_TOKEN: TOKEN });
    expect(ui.stderr()).toContain('(token required)');
    const base = `http://127.0.0.1:${ui.port}`;
    expect((await fetch(`${base}/api/v1/board`)).status).toBe(401);
    const board = await fetch(`${base}/api/v1/board`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await board.json()).rows[0].journey).toBe('checkout');
    // The health of the page itself: login form, wrong token, right token, then the board.
    const page = await browser.newPage();
    await page.goto(`${base}/journeys/checkout`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.locator('#token').fill('not-the-token-at-all');
    await page.locator('button[type=submit]').click();
    expect(await page.locator('.error').textContent()).toBe('That token is not right.');
    await page.locator('#token').fill(TOKEN);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${base}/journeys/checkout`);
    expect(await page.locator('h1').textContent()).toBe('checkout');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'outpost_ui_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.goto(`${base}/`);
    // No journey files and no SLOs in this project: every journey the store holds gets the default SLO.
    expect(await page.locator('#board a.cuj').allTextContents()).toEqual(['checkout', 'browse', 'cart', 'search', 'login']);
    await page.close();
    expect(await ui.stop()).toBe(0);
  });

  it('without alert channels configured: the alerts page shows the stored history with delivery status per channel, and says nothing is notified', async () => {
    const ui = await startUi([]);
    const base = `http://127.0.0.1:${ui.port}`;
    const api = (await (await fetch(`${base}/api/v1/alerts`)).json()) as Record<string, any>;
    expect(api.channels).toEqual([]);
    expect(api.alerts.map((a: any) => [a.journey, a.tier, a.status])).toEqual([
      ['checkout', 'page-1h', 'firing'],
      ['browse', 'ticket-24h', 'firing'],
      ['cart', 'ticket-72h', 'resolved'],
    ]);
    const page = await browser.newPage();
    await page.goto(`${base}/alerts`);
    expect(await page.locator('#no-channels').textContent()).toContain('No alert channels are configured');
    const checkout = page.locator('article.alert-firing', { hasText: FIRING_ALERT.slo });
    const deliveries = await checkout.locator('table.deliveries tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    expect(deliveries.sort()).toEqual([['pagerduty', 'trigger', 'failed-retrying'], ['slack', 'trigger', 'delivered']]);
    expect(await page.locator('article.alert-resolved h3').textContent()).toContain('cart');
    await page.close();
    expect(await ui.stop()).toBe(0);
  });

  it('serves a public interface without a token only with --insecure-no-auth, and never shows secret values', async () => {
    const ui = await startUi(['--host', '0.0.0.0', '--insecure-no-auth'], { CARD_TEXT: 'Card declined' });
    expect(ui.stderr()).toContain('NO authentication');
    const page = await (await fetch(`http://127.0.0.1:${ui.port}/runs/checkout-0`)).text();
    expect(page).toContain('[redacted:CARD_TEXT]');
    expect(page).not.toContain('Card declined');
    expect(await ui.stop()).toBe(0);
  });
});
