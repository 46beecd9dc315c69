import { chromium, type Browser } from 'playwright';
import { expect as pw } from 'playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from './demo-shop.js';

// The inline script is the one part the fetch tests cannot reach: drive it in real Chromium.
let shop: DemoShop;
let browser: Browser;
beforeAll(async () => {
  shop = await startDemoShop({ env: {} });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    chromiumSandbox: false,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

describe('demo shop in a browser', () => {
  it('adds to cart, logs in and checks out through the inline script', async () => {
    const context = await browser.newContext({ baseURL: shop.url });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search products' }).fill('kettle');
      await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
      await page.getByRole('link', { name: 'Pour-Over Kettle' }).click();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await pw(page.getByTestId('cart-status')).toHaveText('Added to cart');
      await pw(page.getByTestId('cart-count')).toHaveText('1');

      await page.getByTestId('cart-link').click();
      await page.getByRole('link', { name: 'Proceed to checkout' }).click();
      await pw(page).toHaveURL(/\/login\?next=%2Fcheckout$/);
      await page.getByLabel('Email').fill('shopper@example.com');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Log in' }).click();
      await pw(page.getByTestId('login-status')).toHaveText('Wrong email or password');
      await page.getByLabel('Password').fill('demo-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await pw(page.getByTestId('checkout-summary')).toContainText('Pour-Over Kettle');
      await page.getByRole('button', { name: 'Place order' }).click();
      await pw(page.getByTestId('order-confirmation')).toBeVisible();
      await pw(page.getByTestId('cart-count')).toHaveText('0');
    } finally {
      await context.close();
    }
    const calls = shop.requests().filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual(['POST /api/cart/items 201', 'POST /api/login 401', 'POST /api/login 200', 'POST /api/checkout 201']);
  });

  it('shows the failure when add-to-cart is broken', async () => {
    shop.faults.set([{ path: '/product/*', broken: 'add-to-cart' }]);
    const context = await browser.newContext({ baseURL: shop.url });
    try {
      const page = await context.newPage();
      await page.goto('/product/ceramic-mug');
      const failed = page.waitForResponse((r) => r.url().endsWith('/api/broken/add-to-cart'));
      await page.getByRole('button', { name: 'Add to cart' }).click();
      expect((await failed).status()).toBe(500);
      await pw(page.getByTestId('cart-status')).toContainText('Something went wrong');
      await pw(page.getByTestId('cart-count')).toHaveText('0');
    } finally {
      shop.faults.clear();
      await context.close();
    }
  });
});
