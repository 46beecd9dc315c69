import { defineConfig } from '../../define-config.js';

// Every key set; the Playwright config beside it sets `use` too.
export default defineConfig({
  journeys: ['journeys', 'more/**/*.journey.ts'],
  targets: {
    production: 'https://shop.example.com',
    staging: { url: 'https://staging.shop.example.com/base/', params: { query: 'test lamp' } },
  },
  defaultTarget: 'production',
  location: 'eu-west',
  locations: ['eu-west', 'us-east'],
  defaults: { timeout: '2m', stepTimeout: 5000, retries: 1, concurrency: 4, trace: 'on', screenshot: 'off' },
  secrets: { password: { env: 'SHOP_PASSWORD' }, otp: { env: 'SHOP_OTP', required: false } },
  browser: { executablePath: 'bin/chrome', headless: false, launchOptions: { slowMo: 50 } },
  use: { locale: 'en-GB', viewport: { width: 1280, height: 800 } },
  store: 'sqlite:data/results.db',
  outputDir: 'artifacts',
  slos: [
    {
      name: 'checkout-availability',
      journey: 'checkout',
      sli: { kind: 'availability' },
      objective: 99.5,
      owner: 'team-payments',
      runbookUrl: 'https://runbooks.example.com/checkout',
    },
  ],
});
