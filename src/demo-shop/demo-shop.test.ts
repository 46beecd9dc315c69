import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { startDemoShop, type DemoShop } from './demo-shop.js';
import { ShopClient } from './test-client.js';

let shop: DemoShop;
beforeAll(async () => {
  shop = await startDemoShop({ port: 0, env: {} });
});
afterAll(() => shop.close());

const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

describe('demo shop pages', () => {
  it('listens on 127.0.0.1 on a free port and answers /healthz', async () => {
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shop.port).toBeGreaterThan(0);
    const res = await fetch(`${shop.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('renders home with featured products and a search box', async () => {
    const { status, html } = await new ShopClient(shop.url).page('/');
    expect(status).toBe(200);
    expect(html).toContain('<input type="search" name="q"');
    expect(html).toContain('aria-label="Search products"');
    expect(testIds(html)).toEqual(expect.arrayContaining(['featured', 'product-card', 'search-input', 'cart-link', 'login-link']));
    for (const p of CATALOG.filter((p) => p.featured)) expect(html).toContain(`/product/${p.id}`);
  });

  it('finds products by search and says when nothing matches', async () => {
    const client = new ShopClient(shop.url);
    const { html } = await client.page('/search?q=lamp');
    expect(testIds(html).filter((id) => id === 'result')).toHaveLength(2);
    expect(html).toContain('Brass Desk Lamp');
    expect(html).toContain('Linen Floor Lamp');
    expect(html).not.toContain('Ceramic Mug');
    expect((await client.page('/search?q=zeppelin')).html).toContain('data-testid="no-results"');
  });

  it('escapes what the visitor typed', async () => {
    const { html } = await new ShopClient(shop.url).page(`/search?q=${encodeURIComponent('<script>alert(1)</script>"')}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  });

  it('renders a product page, and 404 for an unknown product', async () => {
    const client = new ShopClient(shop.url);
    const { status, html } = await client.page('/product/ceramic-mug');
    expect(status).toBe(200);
    expect(html).toMatch(/data-testid="product-name">Ceramic Mug</);
    expect(html).toMatch(/data-testid="product-price">\$14\.00</);
    expect(testIds(html)).toEqual(expect.arrayContaining(['add-to-cart', 'cart-status', 'recommendations']));
    expect(html).toContain('data-api-action="/api/cart/items"');
    expect((await client.page('/product/nope')).status).toBe(404);
  });

  it('renders login and an empty cart; checkout sends a visitor to log in first', async () => {
    const client = new ShopClient(shop.url);
    const login = await client.page('/login?next=/checkout');
    expect(login.html).toContain('<label for="email">Email</label>');
    expect(login.html).toContain('data-next="/checkout"');
    expect((await client.page('/login?next=//evil.example')).html).toContain('data-next="/"');
    expect((await client.page('/cart')).html).toContain('data-testid="cart-empty"');
    const checkout = await client.request('/checkout');
    expect(checkout.status).toBe(303);
    expect(checkout.headers.get('location')).toBe('/login?next=%2Fcheckout');
  });
});

describe('demo shop API', () => {
  it('lists, finds and searches products', async () => {
    const client = new ShopClient(shop.url);
    const list = await client.json('/api/products');
    expect(list.status).toBe(200);
    expect(list.body.products).toHaveLength(12);
    expect(list.body.products[0]).toEqual({ id: expect.any(String), name: expect.any(String), price: expect.any(Number), description: expect.any(String), featured: expect.any(Boolean) });
    expect((await client.json('/api/products/oak-bookshelf')).body.price).toBe(210);
    expect((await client.json('/api/products/nope')).status).toBe(404);
    const search = await client.json('/api/search?q=MUG');
    expect(search.body.results.map((p: { id: string }) => p.id)).toEqual(['ceramic-mug']);
  });

  it('logs in only with the right password and knows the session user', async () => {
    const client = new ShopClient(shop.url);
    expect(await client.logIn('wrong')).toBe(401);
    expect((await client.json('/api/session')).body.user).toBeNull();
    expect(await client.logIn()).toBe(200);
    expect((await client.json('/api/session')).body.user).toEqual({ email: 'shopper@example.com', name: 'Demo Shopper' });
    expect((await client.page('/')).html).toMatch(/data-testid="account-name">Demo Shopper</);
    await client.json('/api/logout', { method: 'POST' });
    expect((await client.json('/api/session')).body.user).toBeNull();
  });

  it('rejects malformed bodies with 400', async () => {
    const client = new ShopClient(shop.url);
    expect((await client.json('/api/login', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    const bad = await client.json('/api/cart/items', { method: 'POST', json: { productId: 'ceramic-mug', quantity: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('quantity');
    expect((await client.json('/api/cart/items', { method: 'POST', json: { productId: 'nope' } })).status).toBe(404);
  });

  it('runs the whole flow: cart, login, checkout, order', async () => {
    const client = new ShopClient(shop.url);
    expect((await client.json('/api/checkout', { method: 'POST', json: {} })).status).toBe(401);
    await client.json('/api/cart/items', { method: 'POST', json: { productId: 'ceramic-mug', quantity: 2 } });
    // The page form sends strings.
    const added = await client.json('/api/cart/items', { method: 'POST', json: { productId: 'fountain-pen', quantity: '1' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ count: 3, total: 60 });
    const removed = await client.json('/api/cart/items/fountain-pen', { method: 'DELETE' });
    expect(removed.body).toMatchObject({ count: 2, total: 28 });
    expect((await client.page('/cart')).html).toContain('data-testid="cart-item"');

    expect(await client.logIn()).toBe(200);
    expect((await client.json('/api/cart')).body.count).toBe(2); // the cart survives login
    expect((await client.page('/checkout')).html).toContain('data-testid="place-order"');
    const order = await client.json('/api/checkout', { method: 'POST', json: { address: '2 Probe Road' } });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ id: expect.stringMatching(/^[0-9A-F]{8}$/), total: 28, address: '2 Probe Road', items: [{ productId: 'ceramic-mug', quantity: 2 }] });
    expect((await client.json('/api/cart')).body.count).toBe(0);
    expect((await client.json('/api/checkout', { method: 'POST', json: {} })).status).toBe(400);

    const confirmation = await client.page(`/order/${order.body.id}`);
    expect(confirmation.html).toContain('data-testid="order-confirmation"');
    expect(confirmation.html).toContain(`data-testid="order-id">${order.body.id}<`);
    // Another visitor cannot read it.
    expect((await new ShopClient(shop.url).page(`/order/${order.body.id}`)).status).toBe(404);
  });
});

describe('startDemoShop options', () => {
  it('takes the password from options, then OUTPOST_SHOP_PASSWORD', async () => {
    const fromEnv = await startDemoShop({ env: { OUTPOST_SHOP_PASSWORD: 'from-env' } });
    const fromOption = await startDemoShop({ password: 'from-option', env: { OUTPOST_SHOP_PASSWORD: 'from-env' } });
    try {
      expect(await new ShopClient(fromEnv.url).logIn('from-env')).toBe(200);
      expect(await new ShopClient(fromEnv.url).logIn('demo-password')).toBe(401);
      expect(await new ShopClient(fromOption.url).logIn('from-option')).toBe(200);
    } finally {
      await Promise.all([fromEnv.close(), fromOption.close()]);
    }
  });

  it('closes with a keep-alive connection open and an injected delay in flight, and twice', async () => {
    const other = await startDemoShop({ faults: [{ path: '/slow', delayMs: 60_000 }] });
    const http = await import('node:http');
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get(`${other.url}/healthz`, { agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
    });
    const inFlight = fetch(`${other.url}/slow`).then(() => 'answered', () => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    await other.close();
    // Had close() waited for the 60 s delay, the test would time out instead.
    expect(await inFlight).toBe('dropped');
    agent.destroy();
  });
});
