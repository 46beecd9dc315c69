import { existsSync } from 'node:fs';
import path from 'node:path';
import { toMilliseconds } from '../journey/index.js';
import { ConfigError } from './config-error.js';
import { validateConfig } from './config-schema.js';
import { findConfigFile } from './find-config-file.js';
import type { ArtifactMode, OutpostConfig, TargetConfig, TelemetryConfig, TelemetryExporter } from './outpost-config.js';
import { declaredSecrets, type SecretSpec } from './secrets.js';
import { parseStoreLocation, type StoreLocation } from './store-location.js';
import { resolveSloConfigs } from './slo-resolution.js';
import { resolveAlerting, type ResolvedAlerting } from './alerting-resolution.js';
import { resolveRetention, type ResolvedRetention } from './retention-config.js';
import { resolveDashboardConfig, type ResolvedDashboardConfig } from './dashboard-config.js';
import type { ResolvedSlo } from '../scoring/index.js';

/** A target from config, with its params always present. */
export interface ResolvedTargetConfig {
  url: string;
  params: Record<string, unknown>;
}

/** Journey defaults with durations in milliseconds. */
export interface ResolvedDefaults {
  timeoutMs: number;
  stepTimeoutMs: number;
  retries: number;
  concurrency: number;
  trace: ArtifactMode;
  screenshot: ArtifactMode;
}

/** Telemetry settings with durations in ms; unset values defer to `OTEL_*` env vars. */
export interface ResolvedTelemetry {
  serviceName: string | undefined;
  traces: TelemetryExporter | undefined;
  metrics: TelemetryExporter | undefined;
  metricsIntervalMs: number | undefined;
  otlp: { endpoint?: string; protocol?: 'http/protobuf' | 'http/json'; headers?: Record<string, string>; timeoutMs?: number };
  networkSpans: boolean;
  propagation: { enabled: boolean; origins: string[] };
}

/** A validated config with every default filled in, durations in ms and paths absolute. */
export interface ResolvedConfig {
  /** The config file read, or `undefined` when none was found and defaults apply. */
  configFile: string | undefined;
  /** The config file's folder (or the working folder without one); relative paths start here. */
  rootDir: string;
  /** Absolute files, folders or globs to search for `*.journey.ts`. */
  journeys: string[];
  targets: Record<string, ResolvedTargetConfig>;
  defaultTarget: string | undefined;
  location: string;
  locations: string[];
  defaults: ResolvedDefaults;
  secrets: SecretSpec[];
  browser: { executablePath: string | undefined; headless: boolean; launchOptions: Record<string, unknown> };
  /**
   * Playwright context options: the Playwright config's `use`, overridden by the config's own.
   * It may also hold `actionTimeout`, `navigationTimeout` and `testIdAttribute`, which are not
   * `newContext()` options: the runner applies those itself.
   */
  use: Record<string, unknown>;
  /** The Playwright config whose `use` is inherited, if any. */
  playwrightConfig: string | undefined;
  store: StoreLocation;
  outputDir: string;
  telemetry: ResolvedTelemetry;
  /** The configured SLOs, resolved (see `effectiveSlos` for the list with defaults); empty when none. */
  slos: ResolvedSlo[];
  alerting: ResolvedAlerting;
  /** Raw-run retention of `outpost serve`, in ms. */
  retention: ResolvedRetention;
  dashboard: ResolvedDashboardConfig;
}

/** Defaults for an empty config, as written in a config file. */
export const CONFIG_DEFAULTS = {
  journeys: ['journeys'],
  location: 'local',
  timeout: '60s',
  stepTimeout: '30s',
  retries: 0,
  concurrency: 2,
  trace: 'on-failure',
  screenshot: 'on-failure',
  store: '.outpost/outpost.db',
  outputDir: '.outpost/results',
} as const;

/**
 * Validates a config object and fills in its defaults. Paths are taken from `rootDir`.
 * Throws a {@link ConfigError} listing every problem.
 *
 * @example
 * const config = resolveConfig({ targets: { staging: 'https://staging.example.com' } }, { rootDir: process.cwd() });
 */
export function resolveConfig(input: unknown, where: { rootDir: string; configFile?: string }): ResolvedConfig {
  const { config, issues } = validateConfig(input);
  if (config === undefined) throw new ConfigError(issues, { file: where.configFile });
  return fillDefaults(config, where.rootDir, where.configFile);
}

function fillDefaults(config: OutpostConfig, rootDir: string, configFile: string | undefined): ResolvedConfig {
  const fromRoot = (file: string) => path.resolve(rootDir, file);
  const location = config.location ?? CONFIG_DEFAULTS.location;
  return {
    configFile,
    rootDir,
    journeys: [config.journeys ?? CONFIG_DEFAULTS.journeys].flat().map(fromRoot),
    targets: resolveTargets(config.targets ?? {}),
    defaultTarget: config.defaultTarget,
    location,
    locations: config.locations ?? [location],
    defaults: resolveDefaults(config.defaults ?? {}),
    secrets: declaredSecrets(config.secrets),
    browser: {
      executablePath: config.browser?.executablePath === undefined ? undefined : fromRoot(config.browser.executablePath),
      headless: config.browser?.headless ?? true,
      launchOptions: config.browser?.launchOptions ?? {},
    },
    use: config.use ?? {},
    playwrightConfig: resolvePlaywrightConfig(config.playwrightConfig, rootDir, configFile),
    store: parseStoreLocation(config.store ?? CONFIG_DEFAULTS.store, rootDir),
    outputDir: fromRoot(config.outputDir ?? CONFIG_DEFAULTS.outputDir),
    telemetry: resolveTelemetry(config.telemetry ?? {}),
    slos: resolveSloConfigs(config.slos ?? []),
    alerting: resolveAlerting(config.alerting),
    retention: resolveRetention(config.retention),
    dashboard: resolveDashboardConfig(config.dashboard),
  };
}

function resolveTelemetry(telemetry: TelemetryConfig): ResolvedTelemetry {
  const { otlp = {}, propagation = true } = telemetry;
  return {
    serviceName: telemetry.serviceName,
    traces: telemetry.traces,
    metrics: telemetry.metrics,
    metricsIntervalMs: telemetry.metricsInterval === undefined ? undefined : toMilliseconds(telemetry.metricsInterval),
    otlp: {
      endpoint: otlp.endpoint,
      protocol: otlp.protocol,
      headers: otlp.headers,
      timeoutMs: otlp.timeout === undefined ? undefined : toMilliseconds(otlp.timeout),
    },
    networkSpans: telemetry.networkSpans ?? true,
    propagation: typeof propagation === 'boolean' ? { enabled: propagation, origins: [] } : { enabled: true, origins: propagation.origins ?? [] },
  };
}

function resolveTargets(targets: Record<string, TargetConfig>): Record<string, ResolvedTargetConfig> {
  const entries = Object.entries(targets).map(([name, target]) => {
    const resolved = typeof target === 'string' ? { url: target, params: {} } : { url: target.url, params: target.params ?? {} };
    return [name, resolved] as const;
  });
  return Object.fromEntries(entries);
}

function resolveDefaults(defaults: NonNullable<OutpostConfig['defaults']>): ResolvedDefaults {
  return {
    timeoutMs: toMilliseconds(defaults.timeout ?? CONFIG_DEFAULTS.timeout),
    stepTimeoutMs: toMilliseconds(defaults.stepTimeout ?? CONFIG_DEFAULTS.stepTimeout),
    retries: defaults.retries ?? CONFIG_DEFAULTS.retries,
    concurrency: defaults.concurrency ?? CONFIG_DEFAULTS.concurrency,
    trace: defaults.trace ?? CONFIG_DEFAULTS.trace,
    screenshot: defaults.screenshot ?? CONFIG_DEFAULTS.screenshot,
  };
}

function resolvePlaywrightConfig(setting: string | false | undefined, rootDir: string, configFile: string | undefined): string | undefined {
  if (setting === false) return undefined;
  if (setting === undefined) return findConfigFile(rootDir, 'playwright.config');
  const file = path.resolve(rootDir, setting);
  if (existsSync(file)) return file;
  throw new ConfigError([{ path: 'playwrightConfig', message: `file not found: ${file}` }], { file: configFile });
}
