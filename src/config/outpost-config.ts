import type { Duration } from '../journey/index.js';
import type { SloConfig } from './slo-config.js';
import type { AlertingConfig } from './alerting-config.js';
import type { RetentionConfig } from './retention-config.js';
import type { DashboardConfig } from './dashboard-config.js';

/** When Outpost records a trace or a screenshot for a run. */
export type ArtifactMode = 'on' | 'off' | 'on-failure';

/** A named base URL, with optional journey param overrides for that target. */
export type TargetConfig = string | { url: string; params?: Record<string, unknown> };

/** A secret read from the environment variable `env`. */
export interface SecretDeclaration {
  env: string;
  /** A missing required secret stops the run before any journey starts. Default `true`. */
  required?: boolean;
}

/** Defaults for every journey; a journey may override timeouts. */
export interface DefaultsConfig {
  /** Timeout for a whole journey. Default `'60s'`. */
  timeout?: Duration;
  /** Timeout for one step. Default `'30s'`. */
  stepTimeout?: Duration;
  /** Extra attempts after a failed run. Default `0`. */
  retries?: number;
  /** Journeys run at the same time in this process. Default `2`. */
  concurrency?: number;
  /** Default `'on-failure'`. */
  trace?: ArtifactMode;
  /** Default `'on-failure'`. */
  screenshot?: ArtifactMode;
}

/** How the shared browser is launched. */
export interface BrowserConfig {
  /** A Chromium build other than Playwright's own. */
  executablePath?: string;
  /** Default `true`. */
  headless?: boolean;
  /** Passed to Playwright's `chromium.launch()`. */
  launchOptions?: Record<string, unknown>;
}

/** Where a telemetry signal goes: an OTLP/HTTP collector, stderr (debugging), or nowhere. */
export type TelemetryExporter = 'otlp' | 'console' | 'none';

/**
 * OpenTelemetry export. Unset keys fall back to the standard `OTEL_*` environment variables
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_TRACES_EXPORTER`, `OTEL_SERVICE_NAME`, …); what is set here wins.
 */
export interface TelemetryConfig {
  /** `service.name`. Default: `OTEL_SERVICE_NAME`, else `'outpost'`. */
  serviceName?: string;
  /** Default: `OTEL_TRACES_EXPORTER`, else `'otlp'` when an OTLP endpoint is set, else `'none'`. */
  traces?: TelemetryExporter;
  /** Default: `OTEL_METRICS_EXPORTER`, else `'otlp'` when an OTLP endpoint is set, else `'none'`. */
  metrics?: TelemetryExporter;
  /** How often metrics are pushed. Default `'60s'`; `outpost run` also pushes once before it exits. */
  metricsInterval?: Duration;
  otlp?: {
    /** Base URL of the collector, e.g. `'http://otel-collector:4318'`. */
    endpoint?: string;
    /** Default `'http/protobuf'`. */
    protocol?: 'http/protobuf' | 'http/json';
    headers?: Record<string, string>;
    /** How long one export may take. Default `'5s'`. */
    timeout?: Duration;
  };
  /** One span per document, XHR, fetch and API request. Default `true`. */
  networkSpans?: boolean;
  /**
   * W3C trace context into requests to the target's origin, so backend spans join the journey's
   * trace. `{ origins }` adds first-party origins; third parties never get headers. Default `true`.
   */
  propagation?: boolean | { origins?: string[] };
}

/** The contents of `outpost.config.ts`. Every key is optional: an empty config works. */
export interface OutpostConfig {
  /** Files, folders or globs holding `*.journey.ts` files, relative to the config. Default `['journeys']`. */
  journeys?: string | string[];
  /** Named base URLs, e.g. `{ production: 'https://shop.example.com' }`. */
  targets?: Record<string, TargetConfig>;
  /** The target used when none is given; must name a key of `targets`. */
  defaultTarget?: string;
  /** This process's location label, put on every result. Default `'local'`. */
  location?: string;
  /** Every location that runs probes. Default `[location]`. */
  locations?: string[];
  defaults?: DefaultsConfig;
  /**
   * Secrets read from the environment. A list names secrets whose env var has the same name
   * (all required); a record maps secret names to `{ env, required }`.
   */
  secrets?: Record<string, SecretDeclaration> | string[];
  browser?: BrowserConfig;
  /** Playwright context options (baseURL, viewport, locale, extraHTTPHeaders…); override `playwrightConfig`. */
  use?: Record<string, unknown>;
  /** A Playwright config whose `use` is inherited. Default: `playwright.config.ts` beside this file, if any. `false` turns it off. */
  playwrightConfig?: string | false;
  /** Result store: a SQLite file path (or `sqlite:<path>`) or a `postgres://` URL. Default `'.outpost/outpost.db'`. */
  store?: string;
  /** Folder for traces and screenshots. Default `'.outpost/results'`. */
  outputDir?: string;
  telemetry?: TelemetryConfig;
  /** SLOs on the journeys: see {@link SloConfig} and the README's "SLOs" section. */
  slos?: SloConfig[];
  /** Alert delivery by `outpost serve`: see {@link AlertingConfig} and the README's "Alerting" section. */
  alerting?: AlertingConfig;
  /** How long `outpost serve` keeps raw runs: see {@link RetentionConfig}. Default `{ runs: '30d', every: '1h' }`. */
  retention?: RetentionConfig;
  /** The dashboard of `outpost ui` and `outpost serve`: see {@link DashboardConfig}. */
  dashboard?: DashboardConfig;
}
