import { afterAll, beforeAll, expect, it } from 'vitest';
import { journey, step } from '../../src/index.js';
import { runBatch } from '../../src/runner/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';

let h: RunnerHarness;
beforeAll(async () => {
  h = await startRunnerHarness();
});
afterAll(async () => {
  await h.close();
});

it('N runs at concurrency k overlap up to k, each in its own context', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const contexts = new Set<unknown>();
  const cookiesAtStart: number[] = [];
  const probe = journey({
    name: 'isolated',
    steps: [
      step('start with a clean context', async ({ context, page }) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        contexts.add(context);
        await page.goto('/');
        cookiesAtStart.push((await context.cookies()).filter((c) => c.name === 'probe-run').length);
        await context.addCookies([{ name: 'probe-run', value: String(contexts.size), url: page.url() }]);
      }),
      step('hold the slot', async ({ page }) => {
        await page.waitForTimeout(400);
        inFlight--;
      }),
    ],
  });

  const results = await runBatch(
    Array.from({ length: 6 }, () => ({ journey: probe, target: { name: 'demo-shop', baseURL: h.shop.url } })),
    {
      location: 'test',
      pool: h.pool,
      timeouts: { journeyMs: 30_000, stepMs: 10_000 },
      artifacts: { dir: h.resultsDir, trace: 'off', screenshot: 'off' },
    },
    { concurrency: 3 },
  );

  expect(results.map((r) => r.status)).toEqual(Array(6).fill('passed'));
  expect(maxInFlight).toBe(3);
  expect(contexts.size).toBe(6);
  // No run saw the cookie another run set.
  expect(cookiesAtStart).toEqual(Array(6).fill(0));
  // One warm browser served every run.
  expect(h.pool.getStats().launches).toBe(1);
});
