import { ConfigError } from './config-error.js';
import { importDefaultExport } from './import-config-module.js';

/**
 * `use` keys that only the Playwright test runner reads. Outpost records artifacts by its own
 * `defaults.trace` and `defaults.screenshot`, and always runs Chromium, so these must not leak
 * into context options. `headless` and `launchOptions` are kept: Outpost applies them when it
 * launches its shared browser, so a team's launch flags carry over.
 */
export const TEST_RUNNER_ONLY_USE_KEYS: readonly string[] = [
  'browserName',
  'defaultBrowserType',
  'channel',
  'connectOptions',
  'screenshot',
  'trace',
  'video',
];

type Use = Record<string, unknown>;

/**
 * Reads a `playwright.config.ts` and returns the context options a journey should inherit:
 * its top-level `use`, overridden by the `use` of its first Chromium project.
 *
 * @example
 * const use = await loadPlaywrightUse('/repo/playwright.config.ts'); // { baseURL: 'http://localhost:3000', locale: 'en-GB' }
 */
export async function loadPlaywrightUse(file: string): Promise<Use> {
  const config = await importDefaultExport(file);
  if (!isRecord(config)) {
    throw new ConfigError([{ path: '', message: 'expected the default export to be a Playwright config object' }], { file });
  }
  const project = firstChromiumProject(config.projects);
  // A shallow merge, as Playwright itself merges a project's `use` over the top-level one.
  return contextUse({ ...useOf(config), ...useOf(project) });
}

function firstChromiumProject(projects: unknown): Use | undefined {
  if (!Array.isArray(projects)) return undefined;
  return projects.filter(isRecord).find((project) => browserOf(useOf(project)) === 'chromium');
}

// Playwright runs a project with no browser named in Chromium.
function browserOf(use: Use): unknown {
  return use.browserName ?? use.defaultBrowserType ?? 'chromium';
}

function useOf(holder: Use | undefined): Use {
  return isRecord(holder?.use) ? holder.use : {};
}

function contextUse(use: Use): Use {
  // `contextOptions` is Playwright's escape hatch for raw context options; explicit keys win over it.
  const { contextOptions, ...explicit } = use;
  const merged = isRecord(contextOptions) ? { ...contextOptions, ...explicit } : explicit;
  return Object.fromEntries(Object.entries(merged).filter(([key]) => !TEST_RUNNER_ONLY_USE_KEYS.includes(key)));
}

function isRecord(value: unknown): value is Use {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
