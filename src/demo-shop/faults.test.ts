import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from './demo-shop.js';
import { FaultRuleError } from './fault-rules.js';
import { ShopClient } from './test-client.js';

let shop: DemoShop;
beforeAll(async () => {
  shop = await startDemoShop({ seed: 42, env: {} });
});
afterAll(() => shop.close());
beforeEach(() => shop.faults.clear());

async function putFaults(body: unknown): Promise<Response> {
  return fetch(`${shop.url}/__outpost/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('fault injection', () => {
  it('delays matching requests', async () => {
    shop.faults.set([{ path: '/api/products', method: 'get', delayMs: 200 }]);
    const started = performance.now();
    expect((await fetch(`${shop.url}/api/products`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('does not delay other paths or methods', async () => {
    // A delay this long would trip the 5 s abort if it applied.
    shop.faults.set([{ path: '/api/cart', method: 'GET', delayMs: 60_000 }]);
    const quick = { signal: AbortSignal.timeout(5000) };
    expect((await fetch(`${shop.url}/api/search?q=lamp`, quick)).status).toBe(200);
    const post = await fetch(`${shop.url}/api/cart/items`, { ...quick, method: 'POST', body: '{"productId":"ceramic-mug"}' });
    expect(post.status).toBe(201);
  });

  it('fails every matching request at errorRate 1 with the status asked for, JSON for the API and HTML for pages', async () => {
    shop.faults.set([{ path: '/api/cart', errorRate: 1, status: 500 }, { path: '/product/*', errorRate: 1 }]);
    const api = await fetch(`${shop.url}/api/cart`);
    expect(api.status).toBe(500);
    expect(api.headers.get('x-outpost-fault')).toBe('error');
    expect(await api.json()).toMatchObject({ error: expect.stringContaining('injected fault') });
    const page = await fetch(`${shop.url}/product/ceramic-mug`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('data-testid="fault-error"');
    // Neither a neighbouring path nor the control plane is hit.
    expect((await fetch(`${shop.url}/api/cartoon`)).status).toBe(404);
    expect((await fetch(`${shop.url}/__outpost/faults`)).status).toBe(200);
  });

  it('honours errorRate roughly, and a seed repeats the same sequence', async () => {
    const statuses = async (s: DemoShop) => {
      const out: number[] = [];
      for (let i = 0; i < 400; i++) out.push((await fetch(`${s.url}/api/products/ceramic-mug`)).status);
      return out;
    };
    const rules = [{ path: '/api/products', errorRate: 0.25 }];
    const a = await startDemoShop({ seed: 7, faults: rules, env: {} });
    const b = await startDemoShop({ seed: 7, faults: rules, env: {} });
    try {
      const first = await statuses(a);
      const failures = first.filter((s) => s === 503).length;
      expect(failures).toBeGreaterThan(60);
      expect(failures).toBeLessThan(140);
      expect(first.every((s) => s === 200 || s === 503)).toBe(true);
      expect(await statuses(b)).toEqual(first);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('leaves a missing element out of the page', async () => {
    shop.faults.set([{ path: '/product/*', missing: 'add-to-cart' }, { path: '/', missing: 'recommendations' }]);
    const { html } = await new ShopClient(shop.url).page('/product/ceramic-mug');
    expect(html).toContain('data-testid="product-name"');
    expect(html).not.toContain('data-testid="add-to-cart"');
    expect(html).not.toContain('data-testid="recommendations"');
    // Only where the rule's path matches.
    shop.faults.set([{ path: '/search', missing: 'search-input' }]);
    expect((await new ShopClient(shop.url).page('/')).html).toContain('data-testid="search-input"');
    expect((await new ShopClient(shop.url).page('/search?q=x')).html).not.toContain('data-testid="search-input"');
  });

  it('renders a broken element whose action fails', async () => {
    shop.faults.set([{ path: '/product/*', broken: 'add-to-cart' }, { path: '/cart', broken: 'checkout-link' }]);
    const client = new ShopClient(shop.url);
    const { html } = await client.page('/product/ceramic-mug');
    expect(html).toContain('data-testid="add-to-cart"');
    const action = /data-api-action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe('/api/broken/add-to-cart');
    const res = await client.json(action!, { method: 'POST', json: { productId: 'ceramic-mug' } });
    expect(res.status).toBe(500);
    expect(res.body.error).toContain('add-to-cart');

    await client.json('/api/cart/items', { method: 'POST', json: { productId: 'ceramic-mug' } });
    const cart = await client.page('/cart');
    const href = /href="([^"]+)" data-testid="checkout-link"/.exec(cart.html)?.[1];
    expect(href).toBe('/broken/checkout-link');
    expect((await client.page(href!)).status).toBe(500);
  });

  it('shows a broken display-only section as an error inside it', async () => {
    shop.faults.set([{ broken: 'recommendations' }]);
    const { html } = await new ShopClient(shop.url).page('/product/ceramic-mug');
    expect(html).toContain('data-testid="recommendations"');
    expect(html).toContain('data-testid="recommendations-error"');
    expect(html).not.toMatch(/data-testid="recommendations"[\s\S]*data-testid="product-card"/);
  });
});

describe('fault control API', () => {
  it('lists, replaces, adds and clears rules', async () => {
    let res = await putFaults([{ path: '/api/cart', errorRate: 0.5 }]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ path: '/api/cart', errorRate: 0.5 }]);
    res = await fetch(`${shop.url}/__outpost/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ missing: 'featured', method: 'get' }) });
    expect(res.status).toBe(201);
    expect(await (await fetch(`${shop.url}/__outpost/faults`)).json()).toEqual([
      { path: '/api/cart', errorRate: 0.5 },
      { path: '/', method: 'GET', missing: 'featured' },
    ]);
    expect(shop.faults.list()).toHaveLength(2);
    expect((await fetch(`${shop.url}/__outpost/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(shop.faults.list()).toEqual([]);
  });

  it('answers 400 with every problem and keeps the old rules', async () => {
    shop.faults.set([{ path: '/api', delayMs: 1 }]);
    const res = await putFaults([{ path: 'api', errorRate: 2 }, { path: '/x', delayMS: 5 }, { path: '/y' }, { status: 503, errorRate: 0.1 }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    const paths = body.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['[0].path', '[0].errorRate', '[1]', '[2]']));
    expect(paths.some((p) => p.startsWith('[3]'))).toBe(false);
    expect(shop.faults.list()).toEqual([{ path: '/api', delayMs: 1 }]);

    expect((await putFaults({ path: '/' })).status).toBe(400);
    const notJson = await fetch(`${shop.url}/__outpost/faults`, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { issues: { message: string }[] }).issues[0]?.message).toContain('not valid JSON');
    expect((await fetch(`${shop.url}/__outpost/faults`, { method: 'POST', body: JSON.stringify({ path: '/', status: 404, errorRate: 1 }) })).status).toBe(400);
  });

  it('throws FaultRuleError from the programmatic API', () => {
    expect(() => shop.faults.add({ path: '/', errorRate: -1 })).toThrow(FaultRuleError);
    expect(() => shop.faults.set([{ path: '/' }])).toThrow(/at least one of/);
  });
});

describe('faults from the environment', () => {
  it('reads OUTPOST_SHOP_FAULTS at start', async () => {
    const s = await startDemoShop({ env: { OUTPOST_SHOP_FAULTS: '[{"path":"/api/products","errorRate":1,"status":502}]' } });
    try {
      expect(s.faults.list()).toEqual([{ path: '/api/products', errorRate: 1, status: 502 }]);
      expect((await fetch(`${s.url}/api/products`)).status).toBe(502);
    } finally {
      await s.close();
    }
  });

  it('fails to start, saying why, on bad JSON or bad rules', async () => {
    await expect(startDemoShop({ env: { OUTPOST_SHOP_FAULTS: '[{path:' } })).rejects.toThrow(/OUTPOST_SHOP_FAULTS: invalid fault rules: not valid JSON/);
    await expect(startDemoShop({ env: { OUTPOST_SHOP_FAULTS: '{"path":"/"}' } })).rejects.toThrow(FaultRuleError);
    await expect(startDemoShop({ env: { OUTPOST_SHOP_FAULTS: '[{"path":"/","errorRate":"high"}]' } })).rejects.toThrow(/\[0\]\.errorRate/);
    await expect(startDemoShop({ env: { OUTPOST_SHOP_SEED: 'abc' } })).rejects.toThrow(/OUTPOST_SHOP_SEED/);
  });

  it('prefers faults given as an option', async () => {
    const s = await startDemoShop({ faults: [], env: { OUTPOST_SHOP_FAULTS: '[{"errorRate":1}]' } });
    try {
      expect((await fetch(`${s.url}/api/products`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
