import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { journey, step } from '../../src/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';
import { recordingObserver } from '../helpers/recording-observer.js';

let h: RunnerHarness;
let thirdParty: DemoShop;
beforeAll(async () => {
  h = await startRunnerHarness();
  thirdParty = await startDemoShop({ port: 0 });
});
afterAll(async () => {
  await thirdParty.close();
  await h.close();
});
beforeEach(() => {
  h.shop.clearRequests();
  thirdParty.clearRequests();
});

describe('observing a run', () => {
  it('reports steps and their page requests, and injects trace context into first-party requests only', async () => {
    const { observer, runs } = recordingObserver();
    const searchJourney = journey({
      name: 'search-traced',
      steps: [
        step('open home', async ({ page }) => {
          await page.goto('/');
        }),
        step('search and call a third party', async ({ page, expect: e }) => {
          await page.getByRole('searchbox', { name: 'Search products' }).fill('mug');
          await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
          await e(page.getByTestId('result').first()).toBeVisible();
          await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => undefined), `${thirdParty.url}/api/products`);
        }),
      ],
    });
    const result = await h.run(searchJourney, { observer });

    expect(result.status).toBe('passed');
    const [run] = runs;
    expect(run?.info).toMatchObject({ journey: 'search-traced', runId: result.id, location: 'test', attempt: 1 });
    expect(run?.steps.map((s) => [s.info.name, s.result?.status])).toEqual([['open home', 'passed'], ['search and call a third party', 'passed']]);
    expect(run?.result).toEqual(result);

    const [home, search] = run!.steps;
    const homeDoc = home!.requests.find((r) => r.resourceType === 'document');
    expect(homeDoc).toMatchObject({ method: 'GET', url: `${h.shop.url}/`, status: 200, propagated: true });
    expect(homeDoc!.endTime).toBeGreaterThanOrEqual(homeDoc!.startTime);
    expect(search!.requests.some((r) => r.resourceType === 'document' && r.url.startsWith(`${h.shop.url}/search`))).toBe(true);
    const thirdPartyCall = search!.requests.find((r) => r.url.startsWith(thirdParty.url));
    expect(thirdPartyCall).toMatchObject({ resourceType: 'fetch', propagated: false });

    // The shop saw each step's span as the parent of its requests; the third party saw nothing.
    const seen = h.shop.requests();
    const homeSeen = seen.find((r) => r.method === 'GET' && r.path === '/');
    expect(homeSeen).toMatchObject({ traceId: run!.traceId, parentSpanId: home!.spanId, tracestate: 'outpost=synthetic' });
    const searchSeen = seen.find((r) => r.path.startsWith('/search'));
    expect(searchSeen).toMatchObject({ traceId: run!.traceId, parentSpanId: search!.spanId });
    const thirdPartySeen = thirdParty.requests().find((r) => r.path === '/api/products');
    expect(thirdPartySeen).toBeDefined();
    expect(thirdPartySeen?.traceparent).toBeUndefined();
  });

  it("keeps the journey's own routes working beside trace context injection", async () => {
    const { observer, runs } = recordingObserver();
    let routed = 0;
    const result = await h.run(
      journey({
        name: 'own-routes',
        steps: [
          step('search through a route', async ({ page, expect: e }) => {
            await page.route('**/search**', async (route) => {
              routed++;
              await route.continue({ headers: { ...route.request().headers(), 'x-journey': 'yes' } });
            });
            await page.goto('/search?q=mug');
            await e(page.getByTestId('result').first()).toBeVisible();
          }),
        ],
      }),
      { observer },
    );
    expect(result.status).toBe('passed');
    expect(routed).toBeGreaterThan(0);
    const searchSeen = h.shop.requests().find((r) => r.path.startsWith('/search'));
    expect(searchSeen).toMatchObject({ traceId: runs[0]!.traceId, parentSpanId: runs[0]!.steps[0]!.spanId });
  });

  it('injects trace context into pages a step opens itself', async () => {
    const { observer, runs } = recordingObserver();
    const result = await h.run(
      journey({
        name: 'second-page',
        steps: [
          step('open home', async ({ page }) => {
            await page.goto('/');
          }),
          step('open the cart in another page', async ({ context }) => {
            const other = await context.newPage();
            await other.goto('/cart');
          }),
        ],
      }),
      { observer },
    );
    expect(result.status).toBe('passed');
    const cartSeen = h.shop.requests().find((r) => r.path === '/cart');
    expect(cartSeen).toMatchObject({ traceId: runs[0]!.traceId, parentSpanId: runs[0]!.steps[1]!.spanId });
    const cartRequest = runs[0]!.steps[1]!.requests.find((r) => r.url === `${h.shop.url}/cart`);
    expect(cartRequest).toMatchObject({ resourceType: 'document', propagated: true });
  });

  it('traces API-only journeys and records the endpoints they exercised', async () => {
    const { observer, runs } = recordingObserver();
    const result = await h.run(
      journey({
        name: 'api-traced',
        steps: [
          step('list', async ({ request, expect: e }) => {
            e((await request.get('/api/products')).status()).toBe(200);
            e((await request.get('/api/products')).status()).toBe(200);
          }),
          step('missing product', async ({ request, expect: e }) => {
            e((await request.get('/api/products/does-not-exist')).status()).toBe(404);
          }),
        ],
      }),
      { observer },
    );
    expect(result.status).toBe('passed');
    const [run] = runs;
    expect(run!.steps[0]!.requests).toHaveLength(2);
    expect(run!.steps[0]!.requests[0]).toMatchObject({ method: 'GET', resourceType: 'api', status: 200, propagated: true, url: `${h.shop.url}/api/products` });
    const seen = h.shop.requests().filter((r) => r.path === '/api/products');
    expect(seen.map((r) => r.parentSpanId)).toEqual([run!.steps[0]!.spanId, run!.steps[0]!.spanId]);
    const host = new URL(h.shop.url).host;
    expect(result.endpoints?.map(({ totalMs, ...rest }) => rest)).toEqual([
      { step: 0, method: 'GET', host, path: '/api/products', status: 200, count: 2 },
      { step: 1, method: 'GET', host, path: '/api/products/does-not-exist', status: 404, count: 1 },
    ]);
  });

  it('injects no headers without an observer', async () => {
    const result = await h.run(journey({ name: 'untraced', steps: [step('open', async ({ page }) => { await page.goto('/'); })] }));
    expect(result.status).toBe('passed');
    expect(h.shop.requests().find((r) => r.path === '/')?.traceparent).toBeUndefined();
    expect(result.endpoints?.[0]).toMatchObject({ method: 'GET', path: '/', status: 200 });
  });
});
