import type { LaunchOptions } from 'playwright';
import type { DiscoveredBrowser } from './browser-discovery.js';

/**
 * Chromium phones home (component updates, sync, field trials) unless told not to. On closed
 * networks that floods the resolver with refused connections, and it is never wanted in a probe.
 */
const QUIET_NETWORK_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LaunchInputs {
  browser: DiscoveredBrowser;
  headless?: boolean;
  /** Extra options from config or `playwright.config.ts` (`use.launchOptions`). */
  extra?: LaunchOptions;
  isRoot?: boolean;
}

/** Launch options for the warm browser. */
export function buildLaunchOptions(inputs: LaunchInputs): LaunchOptions {
  const isRoot = inputs.isRoot ?? process.getuid?.() === 0;
  const extra = inputs.extra ?? {};
  return {
    headless: inputs.headless ?? true,
    ...extra,
    executablePath: extra.executablePath ?? inputs.browser.executablePath,
    // Chromium refuses to start its sandbox as root (containers, CI); Playwright's own image runs as non-root.
    chromiumSandbox: isRoot ? false : extra.chromiumSandbox,
    args: [...QUIET_NETWORK_ARGS, ...(extra.args ?? [])],
    // Outpost owns shutdown: on SIGINT/SIGTERM it lets runs end as `aborted`, saves their
    // artifacts and closes the browser itself. Playwright's own handlers would kill the browser
    // under the runs (and may exit the process) before results are stored.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}
