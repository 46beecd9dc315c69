import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, discoverBrowser } from './browser-discovery.js';
import { buildLaunchOptions } from './launch-options.js';

let dir: string;
let fakeChrome: string;
let otherChrome: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-discovery-'));
  fakeChrome = join(dir, 'chrome');
  otherChrome = join(dir, 'other-chrome');
  for (const file of [fakeChrome, otherChrome]) {
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, 0o755);
  }
});

describe('discoverBrowser', () => {
  const missing = join('/nonexistent', 'chrome');

  it("prefers Playwright's managed browser", () => {
    expect(discoverBrowser({ managedPath: fakeChrome, configuredPath: otherChrome, env: {}, systemPaths: [] })).toEqual({ source: 'playwright', executablePath: undefined });
  });

  it('then the config path, then OUTPOST_BROWSER_PATH, then system paths', () => {
    expect(discoverBrowser({ managedPath: missing, configuredPath: fakeChrome, env: { OUTPOST_BROWSER_PATH: otherChrome }, systemPaths: [] }).source).toBe('config');
    expect(discoverBrowser({ managedPath: missing, env: { OUTPOST_BROWSER_PATH: otherChrome }, systemPaths: [fakeChrome] })).toEqual({ source: 'env', executablePath: otherChrome });
    expect(discoverBrowser({ managedPath: missing, env: {}, systemPaths: [missing, fakeChrome] })).toEqual({ source: 'system', executablePath: fakeChrome });
  });

  it('skips a file that is not executable', async () => {
    const notExecutable = join(dir, 'plain');
    await writeFile(notExecutable, '');
    expect(discoverBrowser({ managedPath: missing, configuredPath: notExecutable, env: {}, systemPaths: [fakeChrome] }).source).toBe('system');
  });

  it('lists everything it tried, and how to fix it, when nothing is found', () => {
    const attempt = () => discoverBrowser({ managedPath: missing, configuredPath: '/opt/none/chrome', env: { OUTPOST_BROWSER_PATH: '/env/none' }, systemPaths: ['/usr/bin/nochromium'] });
    expect(attempt).toThrow(BrowserNotFoundError);
    try {
      attempt();
    } catch (error) {
      const e = error as BrowserNotFoundError;
      expect(e.tried.map((t) => t.source)).toEqual(['playwright', 'config', 'env', 'system']);
      for (const path of [missing, '/opt/none/chrome', '/env/none', '/usr/bin/nochromium']) expect(e.message).toContain(path);
      expect(e.message).toContain('npx playwright install chromium');
      expect(e.message).toContain('OUTPOST_BROWSER_PATH');
    }
  });
});

describe('buildLaunchOptions', () => {
  it('keeps Chromium off the network and drops the sandbox only as root', () => {
    const asRoot = buildLaunchOptions({ browser: { source: 'system', executablePath: '/usr/bin/chromium' }, isRoot: true, extra: { args: ['--lang=de'] } });
    expect(asRoot.executablePath).toBe('/usr/bin/chromium');
    expect(asRoot.chromiumSandbox).toBe(false);
    expect(asRoot.args).toEqual(['--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=de']);
    const asUser = buildLaunchOptions({ browser: { source: 'playwright', executablePath: undefined }, isRoot: false });
    expect(asUser.chromiumSandbox).toBeUndefined();
    expect(asUser.headless).toBe(true);
  });
});
