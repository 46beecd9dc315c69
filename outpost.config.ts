import { defineConfig } from './src/index.js';

/**
 * The repository's own config: the example journeys against the bundled demo shop.
 * `npm run demo` starts the shop on a free port and passes it as the target;
 * `outpost run --target demo-shop` expects `outpost shop` to be running on port 3000.
 */
export default defineConfig({
  journeys: ['journeys'],
  targets: {
    'demo-shop': process.env.OUTPOST_DEMO_URL ?? 'http://127.0.0.1:3000',
  },
  defaultTarget: 'demo-shop',
  location: process.env.OUTPOST_LOCATION ?? 'local',
  defaults: {
    timeout: '60s',
    stepTimeout: '15s',
    concurrency: 2,
    trace: 'on-failure',
    screenshot: 'on-failure',
  },
  secrets: {
    SHOP_PASSWORD: { env: 'SHOP_PASSWORD' },
  },
  // One SLO per CUJ (the names the journeys give in `slo:`), plus a latency SLO on search.
  // `outpost slo lint` shows how many bad runs each alert tier needs before it fires.
  slos: [
    {
      name: 'checkout-availability',
      journey: 'checkout',
      sli: { kind: 'availability' },
      objective: 99.5,
      window: '28d',
      // A minute is bad when fewer than half the locations that ran in it succeeded.
      budgeting: { method: 'timeslices', slice: '1m', quorum: { share: 0.5 } },
      description: 'A logged-in customer can buy a product and get an order confirmation',
      service: 'demo-shop',
      owner: 'team-checkout',
      approver: 'head of e-commerce',
      runbookUrl: 'https://runbooks.example.com/demo-shop/checkout',
      reviewDate: '2026-06-30',
      errorBudgetPolicy:
        'Budget spent: freeze feature releases to checkout until it recovers; reliability work first. ' +
        'Escalate to the head of e-commerce when it stays spent for more than a week.',
    },
    {
      name: 'browse-and-search-latency',
      journey: 'browse-and-search',
      sli: { kind: 'latency', threshold: '2.5s' },
      objective: 99,
      window: '7d',
      // Over 7 days the default tiers' long windows burn too slowly; page on 5% of the budget in 1h.
      tiers: [
        { severity: 'page', budgetPercent: 5, longWindow: '1h' },
        { severity: 'ticket', budgetPercent: 10, longWindow: '6h' },
      ],
      description: 'A visitor finds a product within 2.5 seconds',
      owner: 'team-catalog',
      runbookUrl: 'https://runbooks.example.com/demo-shop/search-latency',
    },
    { name: 'browse-and-search-availability', journey: 'browse-and-search', sli: { kind: 'availability' }, objective: 99.5, owner: 'team-catalog' },
    { name: 'login-availability', journey: 'login', sli: { kind: 'availability' }, objective: 99.5, owner: 'team-identity' },
    { name: 'catalog-api-availability', journey: 'catalog-api', sli: { kind: 'availability' }, objective: 99.5, owner: 'team-catalog' },
  ],
});
