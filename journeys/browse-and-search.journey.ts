import { journey, step } from '../src/index.js';

// `step` cannot see the journey's params, so each step names their type.
type Params = { query: string; product: string };

/** A visitor finds a product from the home page and sees what it costs. */
export default journey<Params>({
  name: 'browse-and-search',
  cuj: { id: 'browse-and-search', description: 'A visitor can search the catalog and open a product page' },
  tags: ['shop', 'browse', 'critical'],
  schedule: { every: '1m' },
  slo: 'browse-and-search-availability',
  params: { query: 'lamp', product: 'Brass Desk Lamp' },
  steps: [
    step<Params>('open home', async ({ page, expect }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Featured' })).toBeVisible();
    }),
    step<Params>('search for a product', async ({ page, params, expect }) => {
      await page.getByRole('searchbox', { name: 'Search products' }).fill(params.query);
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByTestId('result').first()).toBeVisible();
    }),
    step<Params>('open a result', async ({ page, params, expect }) => {
      await page.getByTestId('result').getByRole('link', { name: params.product }).click();
      await expect(page).toHaveURL(/\/product\//);
    }),
    step<Params>('check the product page', async ({ page, params, expect }) => {
      await expect(page.getByTestId('product-name')).toHaveText(params.product);
      await expect(page.getByTestId('product-price')).toHaveText(/^\$\d+\.\d{2}$/);
      await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
    }),
    // Nice to have: a failure here is an anomaly, not an outage.
    step.soft<Params>('recommendations visible', async ({ page, expect }) => {
      await expect(page.getByTestId('recommendations').getByTestId('product-card').first()).toBeVisible();
    }),
  ],
});
