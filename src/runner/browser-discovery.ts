import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright';

/** Where the browser came from, in the order Outpost looks. */
export type BrowserSource = 'playwright' | 'config' | 'env' | 'system';

export interface DiscoveredBrowser {
  source: BrowserSource;
  /** `undefined` means Playwright's own managed browser. */
  executablePath: string | undefined;
}

export interface Attempt {
  source: BrowserSource;
  path: string;
  found: boolean;
}

/** No usable browser anywhere Outpost looked. The message lists every place and how to fix it. */
export class BrowserNotFoundError extends Error {
  constructor(readonly tried: Attempt[]) {
    super(
      [
        'No Chromium browser found. Tried, in order:',
        ...tried.map((t) => `  - ${t.source}: ${t.path || '(not set)'}`),
        'Fix it with one of:',
        '  - npx playwright install chromium        (Playwright\'s own browser)',
        '  - OUTPOST_BROWSER_PATH=/path/to/chrome    (or browser.executablePath in outpost.config.ts)',
        '  - apt-get install chromium               (a system Chromium)',
      ].join('\n'),
    );
    this.name = 'BrowserNotFoundError';
  }
}

export const SYSTEM_BROWSER_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface DiscoveryInputs {
  configuredPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Overridable for tests. */
  managedPath?: string;
  systemPaths?: readonly string[];
}

/**
 * Finds a browser in this order: Playwright's managed download, an explicit path from config,
 * then `OUTPOST_BROWSER_PATH`, then a system Chromium or Chrome.
 */
export function discoverBrowser(inputs: DiscoveryInputs = {}): DiscoveredBrowser {
  const env = inputs.env ?? process.env;
  const candidates: { source: BrowserSource; path: string }[] = [
    { source: 'playwright', path: inputs.managedPath ?? safeManagedPath() },
    { source: 'config', path: inputs.configuredPath ?? '' },
    { source: 'env', path: env.OUTPOST_BROWSER_PATH ?? '' },
    ...(inputs.systemPaths ?? SYSTEM_BROWSER_PATHS).map((path) => ({ source: 'system' as const, path })),
  ];
  const tried: Attempt[] = [];
  for (const candidate of candidates) {
    const found = candidate.path !== '' && isExecutable(candidate.path);
    tried.push({ ...candidate, found });
    if (found) {
      return { source: candidate.source, executablePath: candidate.source === 'playwright' ? undefined : candidate.path };
    }
  }
  throw new BrowserNotFoundError(tried);
}

function safeManagedPath(): string {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
