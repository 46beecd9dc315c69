import type { BrowserContextOptions, LaunchOptions } from 'playwright';
import playwrightConfig from '../../playwright.config.js';
import { buildLaunchOptions, discoverBrowser } from '../../src/runner/index.js';

/** What Outpost launches its warm browser with: the binary it discovers and its launch args. */
export function outpostLaunchOptions(): LaunchOptions {
  return buildLaunchOptions({ browser: discoverBrowser(), extra: playwrightConfig.use?.launchOptions });
}

/**
 * The context options Outpost inherits from the repo's playwright.config.ts `use` (viewport,
 * locale, extra headers), so every variant renders the same pages the same way.
 */
export function repoContextOptions(): BrowserContextOptions {
  const { viewport, locale, extraHTTPHeaders } = playwrightConfig.use ?? {};
  return { viewport, locale, extraHTTPHeaders };
}
