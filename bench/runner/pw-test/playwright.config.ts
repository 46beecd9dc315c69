import { defineConfig } from '@playwright/test';
import repoPlaywrightConfig from '../../../playwright.config.js';
import { outpostLaunchOptions } from '../browser-settings.js';

/**
 * Playwright Test as a team would run the journey without Outpost: fully parallel workers, each
 * with its own browser. The harness sets the target, the JSON report file and the output
 * folder by env, and `--workers` and `--repeat-each` on the command line. Same browser binary
 * and launch args as Outpost; trace and screenshots stay at Playwright's defaults (off).
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'checkout.spec.ts',
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  outputDir: process.env.BENCH_PW_OUTPUT_DIR,
  reporter: [['json', { outputFile: process.env.BENCH_PW_JSON }]],
  use: {
    ...repoPlaywrightConfig.use,
    baseURL: process.env.BENCH_TARGET,
    actionTimeout: 15_000,
    launchOptions: outpostLaunchOptions(),
  },
});
