import { test } from '@playwright/test';
import checkout from '../../../journeys/checkout.journey.js';
import { runJourneySteps, shopSecrets } from '../journey-steps.js';

// The same step functions Outpost runs, on Playwright Test's own page and context fixtures.
test('checkout', async ({ page, context, baseURL }) => {
  if (baseURL === undefined) throw new Error('BENCH_TARGET is not set');
  await runJourneySteps(checkout, { page, context, target: { name: 'demo-shop', baseURL }, secrets: shopSecrets() });
});
