import { journey, step } from '../src/index.js';

// `step` cannot see the journey's params, so each step names their type.
type Params = { email: string; accountName: string };

/** The demo shopper can sign in. */
export default journey<Params>({
  name: 'login',
  cuj: { id: 'login', description: 'A customer can log in to their account' },
  tags: ['shop', 'account', 'critical'],
  schedule: { every: '1m' },
  slo: 'login-availability',
  params: { email: 'shopper@example.com', accountName: 'Demo Shopper' },
  steps: [
    step<Params>('open login page', async ({ page, expect }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    }),
    step<Params>('submit credentials', async ({ page, params, secrets }) => {
      const password = secrets.SHOP_PASSWORD;
      if (password === undefined || password === '') throw new Error('secret SHOP_PASSWORD is not set');
      await page.getByLabel('Email').fill(params.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
    }),
    step<Params>('account name shows', async ({ page, params, expect }) => {
      await expect(page.getByTestId('account-name')).toHaveText(params.accountName);
    }),
  ],
});
