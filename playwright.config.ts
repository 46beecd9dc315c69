import { defineConfig } from 'playwright/test';

/**
 * Outpost inherits `use` (viewport, locale, extra headers, launch options, …) from here, so a
 * team's existing Playwright setup applies to its journeys too. The target's URL wins over
 * `use.baseURL`.
 */
export default defineConfig({
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    extraHTTPHeaders: { 'x-synthetic-probe': 'outpost' },
  },
});
