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
});
