import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolved-config.js';
import { thrownBy } from './test-fixtures/thrown.js';

const rootDir = path.resolve('/srv/probes');

function issuesOf(input: unknown): Record<string, string> {
  const error = thrownBy(ConfigError, () => resolveConfig(input, { rootDir }));
  return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
}

describe('resolveConfig', () => {
  test('an empty config resolves to the documented defaults', () => {
    const config = resolveConfig({}, { rootDir });
    expect(config).toEqual({
      configFile: undefined,
      rootDir,
      journeys: [path.join(rootDir, 'journeys')],
      targets: {},
      defaultTarget: undefined,
      location: 'local',
      locations: ['local'],
      defaults: { timeoutMs: 60_000, stepTimeoutMs: 30_000, retries: 0, concurrency: 2, trace: 'on-failure', screenshot: 'on-failure' },
      secrets: [],
      browser: { executablePath: undefined, headless: true, launchOptions: {} },
      use: {},
      playwrightConfig: undefined,
      store: { kind: 'sqlite', path: path.join(rootDir, '.outpost/outpost.db') },
      outputDir: path.join(rootDir, '.outpost/results'),
      telemetry: {
        serviceName: undefined,
        traces: undefined,
        metrics: undefined,
        metricsIntervalMs: undefined,
        otlp: { endpoint: undefined, protocol: undefined, headers: undefined, timeoutMs: undefined },
        networkSpans: true,
        propagation: { enabled: true, origins: [] },
      },
      slos: [],
      alerting: {
        channels: [],
        evaluationIntervalMs: 60_000,
        renotifyIntervalMs: 4 * 3_600_000,
        dashboardUrl: null,
        traceUrlTemplate: null,
        delivery: { timeoutMs: 10_000, initialBackoffMs: 5_000, maxBackoffMs: 300_000, giveUpAfterMs: 86_400_000 },
        secrets: [],
      },
      retention: { runsMs: 30 * 86_400_000, everyMs: 3_600_000, batchSize: 5_000 },
      dashboard: { traceUrl: undefined, refreshMs: 15_000 },
    });
  });

  test('telemetry settings resolve durations and propagation origins, and reject bad values', () => {
    const config = resolveConfig(
      {
        telemetry: {
          serviceName: 'probes', traces: 'otlp', metrics: 'console', metricsInterval: '15s',
          otlp: { endpoint: 'http://collector:4318', protocol: 'http/json', headers: { 'x-api-key': 'k' }, timeout: '2s' },
          networkSpans: false, propagation: { origins: ['https://api.example.com'] },
        },
      },
      { rootDir },
    );
    expect(config.telemetry).toEqual({
      serviceName: 'probes', traces: 'otlp', metrics: 'console', metricsIntervalMs: 15_000,
      otlp: { endpoint: 'http://collector:4318', protocol: 'http/json', headers: { 'x-api-key': 'k' }, timeoutMs: 2_000 },
      networkSpans: false, propagation: { enabled: true, origins: ['https://api.example.com'] },
    });
    expect(resolveConfig({ telemetry: { propagation: false } }, { rootDir }).telemetry.propagation).toEqual({ enabled: false, origins: [] });
    const bad = () => resolveConfig({ telemetry: { traces: 'jaeger', otlp: { endpoint: 'collector:4318', protcol: 'x' } } }, { rootDir });
    expect(bad).toThrow(ConfigError);
    const message = thrownBy(ConfigError, bad).message;
    for (const path of ['telemetry.traces', 'telemetry.otlp.endpoint', 'telemetry.otlp.protcol']) expect(message).toContain(`- ${path}:`);
  });

  test('a full config keeps its values, with ms durations and absolute paths', () => {
    const config = resolveConfig(
      {
        journeys: 'checks',
        targets: { production: 'https://shop.example.com', staging: { url: 'https://staging.example.com', params: { user: 'qa' } } },
        defaultTarget: 'staging',
        location: 'eu-west',
        defaults: { timeout: '2m', stepTimeout: 1500, retries: 2, concurrency: 1, trace: 'off', screenshot: 'on' },
        secrets: ['SHOP_PASSWORD'],
        browser: { executablePath: '/opt/chrome/chrome', headless: false },
        store: 'postgres://outpost@db/outpost',
        outputDir: '/var/outpost',
        playwrightConfig: false,
      },
      { rootDir },
    );
    expect(config.journeys).toEqual([path.join(rootDir, 'checks')]);
    expect(config.targets).toEqual({
      production: { url: 'https://shop.example.com', params: {} },
      staging: { url: 'https://staging.example.com', params: { user: 'qa' } },
    });
    expect(config.locations).toEqual(['eu-west']);
    expect(config.defaults).toEqual({ timeoutMs: 120_000, stepTimeoutMs: 1500, retries: 2, concurrency: 1, trace: 'off', screenshot: 'on' });
    expect(config.secrets).toEqual([{ name: 'SHOP_PASSWORD', env: 'SHOP_PASSWORD', required: true }]);
    expect(config.browser).toEqual({ executablePath: '/opt/chrome/chrome', headless: false, launchOptions: {} });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://outpost@db/outpost' });
    expect(config.outputDir).toBe('/var/outpost');
  });

  test('a config with several problems reports every one with its path', () => {
    const issues = issuesOf({
      targets: { staging: 42, production: { url: 'ftp://shop.example.com' }, qa: { url: 'https://qa.example.com', extra: true } },
      defaultTarget: 'prod',
      location: 7,
      defaults: { timeout: '5 parsecs', retries: -1, concurrency: 1.5, trace: 'always', colour: 'blue' },
      secrets: { password: { env: 'SHOP PASSWORD' } },
      playwrightConfig: true,
      store: 'mysql://db/outpost',
      defualtTarget: 'staging',
    });
    expect(issues).toEqual({
      'targets.staging': 'expected a URL or { url }, got 42',
      'targets.production.url': 'expected an http(s) URL, got "ftp://shop.example.com"',
      'targets.qa.extra': 'unknown key; expected one of: url, params',
      defaultTarget: 'expected one of the targets: staging, production, qa, got "prod"',
      location: 'expected a string, got 7',
      'defaults.timeout': `expected a duration like '30s', '5m', '1h' or milliseconds, got "5 parsecs"`,
      'defaults.retries': 'expected a number >= 0, got -1',
      'defaults.concurrency': 'expected an integer, got 1.5',
      'defaults.trace': 'expected one of "on", "off", "on-failure", got "always"',
      'defaults.colour': expect.stringMatching(/^unknown key; expected one of: timeout, stepTimeout, retries/),
      'secrets.password.env': 'expected an environment variable name, got "SHOP PASSWORD"',
      playwrightConfig: 'expected a string or false, got true',
      store: `expected a SQLite file path, 'sqlite:<path>' or a 'postgres://' URL, got "mysql://db/outpost"`,
      defualtTarget: expect.stringMatching(/^unknown key; expected one of: journeys, targets, defaultTarget/),
    });
  });

  test('the error message lists every issue, one per line', () => {
    const configFile = '/srv/probes/outpost.config.ts';
    const error = thrownBy(ConfigError, () => resolveConfig({ targets: { staging: 42 }, defaultTarget: 'prod' }, { rootDir, configFile }));
    expect(error.message).toBe(
      [
        'config error in /srv/probes/outpost.config.ts:',
        '- targets.staging: expected a URL or { url }, got 42',
        '- defaultTarget: expected one of the targets: staging, got "prod"',
      ].join('\n'),
    );
  });

  test('defaultTarget without any targets says none are defined', () => {
    expect(issuesOf({ defaultTarget: 'production' })).toEqual({
      defaultTarget: 'expected the name of a target, but no targets are defined, got "production"',
    });
  });

  test('a bad entry in a list is reported at its index', () => {
    expect(issuesOf({ journeys: ['journeys', 3], secrets: ['OK', 'not-ok'] })).toEqual({
      'journeys[1]': 'expected a string, got 3',
      'secrets[1]': 'expected an environment variable name, got "not-ok"',
    });
  });

  test('a missing required key and a non-object config are named', () => {
    expect(issuesOf({ secrets: { password: {} } })).toEqual({ 'secrets.password.env': 'expected a string, but it is missing' });
    expect(issuesOf(42)).toEqual({ '': 'expected an object, got 42' });
  });

  test('target names that are not identifiers are quoted in paths', () => {
    expect(issuesOf({ targets: { 'eu.shop': 'nope' } })).toEqual({ 'targets["eu.shop"]': 'expected an http(s) URL, got "nope"' });
  });

  test('slos resolve to SLOs ready to evaluate, and their problems join the rest of the report', () => {
    const [slo] = resolveConfig({ slos: [{ name: 'checkout', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.5 }] }, { rootDir }).slos;
    expect(slo).toMatchObject({ name: 'checkout', objective: 0.995, budget: expect.closeTo(0.005, 12), metadata: {} });
    expect(resolveConfig({}, { rootDir }).slos).toEqual([]);
    expect(issuesOf({ location: 7, slos: [{ name: 'a', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.5, window: '7d', tiers: [{ severity: 'page', budgetPercent: 2, longWindow: '28d' }] }] })).toEqual({
      location: 'expected a string, got 7',
      'slos[0].tiers[0].longWindow': 'expected at most the SLO window (7d), got "28d"',
    });
    expect(issuesOf({ slos: {} })).toEqual({ slos: 'expected an array, got an object' });
  });
});
