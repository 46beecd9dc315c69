import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from './demo-shop.js';
import { BREAKABLE_TEST_IDS } from './fault-rules.js';
import { removeElementsByTestId } from './remove-elements.js';
import { ShopClient } from './test-client.js';

let shop: DemoShop;
let visitor: ShopClient;
let shopper: ShopClient;
let orderId: string;

beforeAll(async () => {
  shop = await startDemoShop({ env: {} });
  visitor = new ShopClient(shop.url);
  shopper = new ShopClient(shop.url);
  await shopper.logIn();
  await shopper.json('/api/cart/items', { method: 'POST', json: { productId: 'ceramic-mug' } });
  orderId = (await shopper.json('/api/checkout', { method: 'POST', json: {} })).body.id;
  await shopper.json('/api/cart/items', { method: 'POST', json: { productId: 'desk-plant' } });
});
afterAll(() => shop.close());

/** Every page, as the visitor who sees the most of it. */
function pages(): [ShopClient, string][] {
  return [
    [visitor, '/'],
    [visitor, '/search?q=lamp'],
    [visitor, '/search?q=zeppelin'],
    [visitor, '/product/brass-desk-lamp'],
    [visitor, '/login'],
    [visitor, '/cart'],
    [shopper, '/cart'],
    [shopper, '/checkout'],
    [shopper, `/order/${orderId}`],
  ];
}

const testIdsIn = (html: string) => new Set([...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]!));

describe('missing elements', () => {
  it('can remove every data-testid on every page, and nothing else', async () => {
    let checked = 0;
    for (const [client, path] of pages()) {
      shop.faults.clear();
      const before = (await client.page(path)).html;
      for (const id of testIdsIn(before)) {
        shop.faults.set([{ missing: id }]);
        const after = (await client.page(path)).html;
        expect(after, `${id} on ${path}`).not.toContain(`data-testid="${id}"`);
        expect(after.length, `${id} on ${path}`).toBeLessThan(before.length);
        expect(after).toContain('</main>');
        checked++;
      }
    }
    shop.faults.clear();
    expect(checked).toBeGreaterThan(50);
  });

  it('removes whole elements with their children and keeps the rest well-formed', () => {
    const page = '<body><div data-testid="a"><div>x</div><input data-testid="b"><div data-testid="a">y</div></div><p data-testid="c">z</p></body>';
    expect(removeElementsByTestId(page, ['a'])).toBe('<body><p data-testid="c">z</p></body>');
    expect(removeElementsByTestId(page, ['b'])).toBe('<body><div data-testid="a"><div>x</div><div data-testid="a">y</div></div><p data-testid="c">z</p></body>');
    expect(removeElementsByTestId(page, ['nope'])).toBe(page);
  });
});

describe('broken elements', () => {
  it('changes every breakable element that a page shows, and keeps it on the page', async () => {
    const seen = new Set<string>();
    for (const [client, path] of pages()) {
      shop.faults.clear();
      const before = (await client.page(path)).html;
      for (const id of BREAKABLE_TEST_IDS) {
        if (!testIdsIn(before).has(id)) continue;
        shop.faults.set([{ broken: id }]);
        const after = (await client.page(path)).html;
        expect(after, `${id} on ${path}`).not.toBe(before);
        expect(after, `${id} on ${path}`).toContain(`data-testid="${id}"`);
        seen.add(id);
      }
    }
    shop.faults.clear();
    // Between them, the pages show every breakable element.
    expect([...BREAKABLE_TEST_IDS].filter((id) => !seen.has(id))).toEqual([]);
  });

  it('rejects a broken rule for an element that cannot break', () => {
    expect(() => shop.faults.add({ broken: 'account-name' as 'featured' })).toThrow(/must be one of/);
  });
});
