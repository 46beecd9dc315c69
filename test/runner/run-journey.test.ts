import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, step } from '../../src/index.js';
import { BrowserPool } from '../../src/runner/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';

let h: RunnerHarness;
beforeAll(async () => {
  h = await startRunnerHarness();
});
afterAll(async () => {
  await h.close();
});

const openHome = step('open home', async ({ page, expect: e }) => {
  await page.goto('/');
  await e(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
});

describe('runJourney in real Chromium against the demo shop', () => {
  it('passes a journey and times every step', async () => {
    const result = await h.run(
      journey({
        name: 'search',
        cuj: { id: 'browse-and-search', description: 'find a product' },
        tags: ['shop'],
        steps: [
          openHome,
          step('search', async ({ page, expect: e }) => {
            await page.getByRole('searchbox', { name: 'Search products' }).fill('mug');
            await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
            await e(page.getByTestId('result').first()).toBeVisible();
          }),
        ],
      }),
    );
    expect(result.status).toBe('passed');
    expect(result.journey).toBe('search');
    expect(result.cuj).toEqual({ id: 'browse-and-search', description: 'find a product' });
    expect(result.target).toEqual({ name: 'demo-shop', url: h.shop.url });
    expect(result.location).toBe('test');
    expect(result.attempt).toBe(1);
    expect(result.tags).toEqual(['shop']);
    expect(result.steps.map((s) => [s.name, s.status])).toEqual([['open home', 'passed'], ['search', 'passed']]);
    for (const s of result.steps) {
      expect(s.durationMs).toBeGreaterThan(0);
      expect(Date.parse(s.startedAt!)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
    }
    const stepTotal = result.steps.reduce((sum, s) => sum + s.durationMs, 0);
    expect(stepTotal).toBeLessThanOrEqual(result.durationMs);
    expect(result.artifacts).toEqual({});
  });

  it('stops at a failing step, skips the rest, and saves a screenshot and a trace', async () => {
    const result = await h.run(
      journey({
        name: 'broken',
        steps: [
          openHome,
          step('find a missing button', async ({ page, expect: e }) => {
            await e(page.getByRole('button', { name: 'Does not exist' })).toBeVisible({ timeout: 300 });
          }),
          step('never runs', async ({ page }) => {
            await page.goto('/cart');
          }),
        ],
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[1]?.error?.message).toContain('toBeVisible');
    expect(result.steps[1]?.error?.message).not.toMatch(/\u001b\[/);
    expect(result.error?.message).toContain('step "find a missing button"');
    const screenshot = join(h.resultsDir, result.artifacts.screenshot!);
    const trace = join(h.resultsDir, result.artifacts.trace!);
    expect((await readFile(screenshot)).subarray(1, 4).toString()).toBe('PNG');
    const entries = Object.keys(unzipSync(new Uint8Array(await readFile(trace))));
    expect(entries.some((name) => name.endsWith('.trace'))).toBe(true);
  });

  it('records a failed soft step and goes on to pass', async () => {
    const result = await h.run(
      journey({
        name: 'soft',
        steps: [
          openHome,
          step.soft('optional banner', async ({ page, expect: e }) => {
            await e(page.getByTestId('no-such-banner')).toBeVisible({ timeout: 200 });
          }),
          step('open cart', async ({ page }) => {
            await page.goto('/cart');
          }),
        ],
      }),
    );
    expect(result.status).toBe('passed');
    expect(result.steps.map((s) => [s.soft, s.status])).toEqual([[false, 'passed'], [true, 'failed'], [false, 'passed']]);
    expect(result.steps[1]?.error?.message).toContain('no-such-banner');
  });

  it('times out a step at its own timeout', async () => {
    const result = await h.run(
      journey({
        name: 'slow-step',
        steps: [
          step('hang', { timeout: 400 }, async ({ page }) => {
            await page.goto('/');
            await new Promise((resolve) => setTimeout(resolve, 5_000));
          }),
          step('after', async ({ page }) => {
            await page.goto('/');
          }),
        ],
      }),
    );
    expect(result.status).toBe('timedOut');
    expect(result.steps.map((s) => s.status)).toEqual(['timedOut', 'skipped']);
    expect(result.steps[0]?.error?.message).toBe('step timeout of 400 ms exceeded in step "hang"');
    expect(result.steps[0]!.durationMs).toBeLessThan(5_000);
  });

  it('times out the journey when its budget runs out mid-way', async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const result = await h.run(
      journey({
        name: 'slow-journey',
        timeout: 1_000,
        steps: [
          step('first', async () => { await wait(600); }),
          step('second', async () => { await wait(600); }),
          step('third', async () => {}),
        ],
      }),
    );
    expect(result.status).toBe('timedOut');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'timedOut', 'skipped']);
    expect(result.steps[1]?.error?.message).toMatch(/^journey timeout of \d+ ms exceeded in step "second"$/);
  });

  it('an API-only journey never launches the browser', async () => {
    // This pool's browser does not exist: any attempt to launch it would fail the run.
    const pool = new BrowserPool({ executablePath: '/nonexistent/browser' });
    const result = await h.run(
      journey({
        name: 'api',
        steps: [
          step('list products', async ({ request, expect: e }) => {
            const response = await request.get('/api/products');
            e(response.status()).toBe(200);
          }),
        ],
      }),
      { pool },
    );
    await pool.close();
    expect(result.status).toBe('passed');
    expect(pool.getStats().launches).toBe(0);
    expect(result.artifacts).toEqual({});
  });

  it('opens the page lazily: request-only steps before the first page step open none', async () => {
    const pagesSeen: number[] = [];
    const result = await h.run(
      journey({
        name: 'lazy',
        steps: [
          step('api first', async ({ request, context }) => {
            pagesSeen.push(context.pages().length);
            await request.get('/api/products');
          }),
          step('then the page', async ({ page, context }) => {
            await page.goto('/');
            pagesSeen.push(context.pages().length);
          }),
        ],
      }),
    );
    expect(result.status).toBe('passed');
    expect(pagesSeen).toEqual([0, 1]);
  });

  it("saves artifacts for a passing run when the policy is 'on'", async () => {
    const result = await h.run(journey({ name: 'artifacts-on', steps: [openHome] }), {
      artifacts: { dir: h.resultsDir, trace: 'on', screenshot: 'on' },
    });
    expect(result.status).toBe('passed');
    expect(existsSync(join(h.resultsDir, result.artifacts.trace!))).toBe(true);
    expect(existsSync(join(h.resultsDir, result.artifacts.screenshot!))).toBe(true);
  });
});
