import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { removeTempDirs, tempDirWith } from './test-fixtures/temp-dir.js';
import { rejectionOf } from './test-fixtures/thrown.js';

const fixtures = fileURLToPath(new URL('./test-fixtures/', import.meta.url));

afterAll(removeTempDirs);

function loadError(promise: Promise<unknown>): Promise<ConfigError> {
  return rejectionOf(ConfigError, promise);
}

describe('loadConfig', () => {
  test('finds outpost.config.ts in cwd and resolves it beside the file', async () => {
    const cwd = path.join(fixtures, 'full');
    const config = await loadConfig({ cwd });
    expect(config.configFile).toBe(path.join(cwd, 'outpost.config.ts'));
    expect(config.journeys).toEqual([path.join(cwd, 'journeys'), path.join(cwd, 'more/**/*.journey.ts')]);
    expect(config.targets.staging).toEqual({ url: 'https://staging.shop.example.com/base/', params: { query: 'test lamp' } });
    expect(config.defaults).toMatchObject({ timeoutMs: 120_000, stepTimeoutMs: 5000 });
    expect(config.secrets).toEqual([
      { name: 'password', env: 'SHOP_PASSWORD', required: true },
      { name: 'otp', env: 'SHOP_OTP', required: false },
    ]);
    expect(config.browser.executablePath).toBe(path.join(cwd, 'bin/chrome'));
    expect(config.store).toEqual({ kind: 'sqlite', path: path.join(cwd, 'data/results.db') });
    expect(config.outputDir).toBe(path.join(cwd, 'artifacts'));
    expect(config.slos).toMatchObject([
      { name: 'checkout-availability', journey: 'checkout', objective: 0.995, metadata: { owner: 'team-payments', runbookUrl: 'https://runbooks.example.com/checkout' } },
    ]);
  });

  test("inherits the Playwright config's use, and its own use wins", async () => {
    const config = await loadConfig({ cwd: path.join(fixtures, 'full') });
    expect(config.playwrightConfig).toBe(path.join(fixtures, 'full', 'playwright.config.ts'));
    expect(config.use).toEqual({
      baseURL: 'http://localhost:3000',
      timezoneId: 'Europe/Paris',
      colorScheme: 'dark',
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
      headless: false,
      launchOptions: { slowMo: 5 },
    });
  });

  test('an explicit relative path is read from cwd', async () => {
    const config = await loadConfig({ cwd: fixtures, configPath: 'full/outpost.config.ts' });
    expect(config.rootDir).toBe(path.join(fixtures, 'full'));
    expect(config.location).toBe('eu-west');
  });

  test('a function export is called, and playwrightConfig: false skips inheritance', async () => {
    const cwd = path.join(fixtures, 'function-export');
    const config = await loadConfig({ cwd });
    expect(config.configFile).toBe(path.join(cwd, 'outpost.config.mjs'));
    expect(config.targets).toEqual({ local: { url: 'http://localhost:8080', params: {} } });
    expect(config.use).toEqual({});
  });

  test('with no config file the defaults apply, rooted at cwd', async () => {
    const cwd = tempDirWith();
    const config = await loadConfig({ cwd });
    expect(config.configFile).toBeUndefined();
    expect(config.journeys).toEqual([path.join(cwd, 'journeys')]);
    expect(config.defaults.timeoutMs).toBe(60_000);
  });

  test('a plain playwright.config.ts beside no outpost config is still inherited', async () => {
    const cwd = tempDirWith({ 'playwright.config.mjs': "export default { use: { baseURL: 'http://127.0.0.1:4000' } };" });
    const config = await loadConfig({ cwd });
    expect(config.use).toEqual({ baseURL: 'http://127.0.0.1:4000' });
  });

  test('an explicit path that does not exist is a ConfigError naming it', async () => {
    const cwd = tempDirWith();
    const error = await loadError(loadConfig({ cwd, configPath: 'missing.config.ts' }));
    expect(error.file).toBe(path.join(cwd, 'missing.config.ts'));
    expect(error.message).toBe(`config error in ${path.join(cwd, 'missing.config.ts')}:\n- file not found`);
  });

  test('a config that throws on import is a ConfigError with the cause', async () => {
    const cwd = tempDirWith({ 'outpost.config.mjs': "throw new Error('DATABASE_URL is not set');" });
    const error = await loadError(loadConfig({ cwd }));
    expect(error.file).toBe(path.join(cwd, 'outpost.config.mjs'));
    expect(error.message).toContain('could not be imported: Error: DATABASE_URL is not set');
    expect((error.cause as Error).message).toBe('DATABASE_URL is not set');
  });

  test('a config with a syntax error is a ConfigError naming the file', async () => {
    const cwd = tempDirWith({ 'outpost.config.ts': 'export default { targets: { ;' });
    const error = await loadError(loadConfig({ cwd }));
    expect(error.file).toBe(path.join(cwd, 'outpost.config.ts'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toMatch(/^could not be imported: /);
  });

  test('a config function that throws, or no default export, is a ConfigError', async () => {
    const throwing = tempDirWith({ 'outpost.config.mjs': "export default () => { throw new TypeError('boom'); };" });
    expect((await loadError(loadConfig({ cwd: throwing }))).message).toContain('the exported config function threw: TypeError: boom');
    const named = tempDirWith({ 'outpost.config.mjs': 'export const config = {};' });
    expect((await loadError(loadConfig({ cwd: named }))).message).toContain('has no default export');
  });

  test('an invalid config is reported with the file and every issue', async () => {
    const cwd = tempDirWith({ 'outpost.config.mjs': "export default { location: 3, targets: { a: 'nope' }, extra: 1 };" });
    const error = await loadError(loadConfig({ cwd }));
    expect(error.file).toBe(path.join(cwd, 'outpost.config.mjs'));
    expect(error.issues.map((issue) => issue.path)).toEqual(['targets.a', 'location', 'extra']);
  });

  test('an explicit playwrightConfig that does not exist is reported', async () => {
    const cwd = tempDirWith({ 'outpost.config.mjs': "export default { playwrightConfig: 'e2e/playwright.config.ts' };" });
    const error = await loadError(loadConfig({ cwd }));
    expect(error.issues).toEqual([{ path: 'playwrightConfig', message: `file not found: ${path.join(cwd, 'e2e/playwright.config.ts')}` }]);
  });
});
