import { journey, step } from '../src/index.js';

// `step` cannot see the journey's params, so each step names their type.
type Params = { email: string; query: string; product: string };

/** The path the business lives on: from search to a placed order. */
export default journey<Params>({
  name: 'checkout',
  cuj: { id: 'checkout', description: 'A logged-in customer can buy a product and get an order confirmation' },
  tags: ['shop', 'checkout', 'critical'],
  schedule: { every: '1m' },
  slo: 'checkout-availability',
  timeout: '60s',
  params: { email: 'shopper@example.com', query: 'mug', product: 'Ceramic Mug' },
  steps: [
    step<Params>('log in', async ({ page, params, secrets, expect }) => {
      const password = secrets.SHOP_PASSWORD;
      if (password === undefined || password === '') throw new Error('secret SHOP_PASSWORD is not set');
      await page.goto('/login');
      await page.getByLabel('Email').fill(params.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByTestId('account-name')).toBeVisible();
    }),
    step<Params>('search', async ({ page, params, expect }) => {
      await page.getByRole('searchbox', { name: 'Search products' }).fill(params.query);
      await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
      await page.getByTestId('result').getByRole('link', { name: params.product }).click();
      await expect(page.getByTestId('product-name')).toHaveText(params.product);
    }),
    step<Params>('add to cart', async ({ page, expect }) => {
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await expect(page.getByTestId('cart-status')).toHaveText('Added to cart');
    }),
    step<Params>('open cart', async ({ page, params, expect }) => {
      await page.getByTestId('cart-link').click();
      await expect(page.getByTestId('cart-item').filter({ hasText: params.product })).toBeVisible();
    }),
    step<Params>('check out', { timeout: '20s' }, async ({ page, expect }) => {
      await page.getByRole('link', { name: 'Proceed to checkout' }).click();
      await expect(page.getByTestId('checkout-summary')).toBeVisible();
      await page.getByRole('button', { name: 'Place order' }).click();
    }),
    step<Params>('see order confirmation', async ({ page, params, expect, log }) => {
      await expect(page.getByTestId('order-confirmation')).toBeVisible();
      await expect(page.getByTestId('order-lines')).toContainText(params.product);
      log.info(`order ${await page.getByTestId('order-id').innerText()} placed`);
    }),
  ],
});
