import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadPlaywrightUse } from './playwright-use.js';
import { removeTempDirs, tempDirWith } from './test-fixtures/temp-dir.js';

const fixtures = fileURLToPath(new URL('./test-fixtures/', import.meta.url));

afterAll(removeTempDirs);

describe('loadPlaywrightUse', () => {
  test('merges the first Chromium project over the top-level use, without runner-only keys', async () => {
    const use = await loadPlaywrightUse(path.join(fixtures, 'full', 'playwright.config.ts'));
    // The firefox project's locale is ignored; `trace` belongs to the test runner; launch settings carry over.
    expect(use).toEqual({
      baseURL: 'http://localhost:3000',
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      colorScheme: 'dark',
      headless: false,
      launchOptions: { slowMo: 5 },
    });
  });

  test("reads a config built with @playwright/test's defineConfig and devices", async () => {
    const use = await loadPlaywrightUse(path.join(fixtures, 'playwright-test', 'playwright.config.ts'));
    expect(use).toMatchObject({
      baseURL: 'https://playwright.example.com',
      extraHTTPHeaders: { 'x-probe': 'outpost' },
      viewport: { width: 1280, height: 720 },
      // The project's explicit locale wins over `contextOptions`; other contextOptions come through.
      locale: 'en-US',
      reducedMotion: 'reduce',
    });
    expect(use.userAgent).toMatch(/Chrome/);
    for (const key of ['screenshot', 'channel', 'defaultBrowserType', 'contextOptions']) expect(use).not.toHaveProperty(key);
  });

  test('without projects, the top-level use is returned', async () => {
    const dir = tempDirWith({ 'playwright.config.mjs': "export default { use: { locale: 'sv-SE', video: 'on' } };" });
    expect(await loadPlaywrightUse(path.join(dir, 'playwright.config.mjs'))).toEqual({ locale: 'sv-SE' });
  });

  test('a project that names no browser counts as Chromium', async () => {
    const dir = tempDirWith({
      'playwright.config.mjs': `export default { projects: [
        { name: 'ff', use: { browserName: 'firefox', locale: 'de-DE' } },
        { name: 'default', use: { locale: 'it-IT' } },
      ] };`,
    });
    expect(await loadPlaywrightUse(path.join(dir, 'playwright.config.mjs'))).toEqual({ locale: 'it-IT' });
  });

  test('a Playwright config that throws or exports no object is a ConfigError naming it', async () => {
    const dir = tempDirWith({ 'throws.mjs': "throw new Error('no env');", 'string.mjs': "export default 'tests';" });
    await expect(loadPlaywrightUse(path.join(dir, 'throws.mjs'))).rejects.toThrow(ConfigError);
    await expect(loadPlaywrightUse(path.join(dir, 'string.mjs'))).rejects.toThrow(`config error in ${path.join(dir, 'string.mjs')}`);
  });
});
