import * as z from 'zod';
import { isDuration, type Duration } from '../journey/index.js';
import type { OutpostConfig } from './outpost-config.js';
import type { ConfigIssue } from './config-error.js';
import { describeValue, expectationMessage, toConfigIssues } from './config-issues.js';
import { isStoreLocation } from './store-location.js';
import { sloListIssues } from './slo-resolution.js';
import { slosSchema } from './slo-schema.js';
import { alertingIssues, alertingSchema } from './alerting-schema.js';
import { retentionSchema } from './retention-config.js';
import { strictObject } from './strict-object.js';
import { dashboardSchema } from './dashboard-config.js';

const nonEmpty = z.string().min(1);
const options = z.record(z.string(), z.unknown());
const duration = z.custom<Duration>(isDuration, { error: "expected a duration like '30s', '5m', '1h' or milliseconds" });
const artifactMode = z.enum(['on', 'off', 'on-failure']);
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name' });

const target = z.union([httpUrl, strictObject({ url: httpUrl, params: options.optional() })], {
  error: 'expected a URL or { url }',
});

const defaults = strictObject({
  timeout: duration.optional(),
  stepTimeout: duration.optional(),
  retries: z.int().min(0).optional(),
  concurrency: z.int().min(1).optional(),
  trace: artifactMode.optional(),
  screenshot: artifactMode.optional(),
});

const secretDeclaration = strictObject({ env: envName, required: z.boolean().optional() });
const secrets = z.union([z.record(z.string(), secretDeclaration), z.array(envName)], {
  error: 'expected a list of env var names or { name: { env } }',
});

const browser = strictObject({
  executablePath: nonEmpty.optional(),
  headless: z.boolean().optional(),
  launchOptions: options.optional(),
});

const store = nonEmpty.refine(isStoreLocation, {
  error: "expected a SQLite file path, 'sqlite:<path>' or a 'postgres://' URL",
});

const exporterKind = z.enum(['otlp', 'console', 'none']);
const telemetry = strictObject({
  serviceName: nonEmpty.optional(),
  traces: exporterKind.optional(),
  metrics: exporterKind.optional(),
  metricsInterval: duration.optional(),
  otlp: strictObject({
    endpoint: httpUrl.optional(),
    protocol: z.enum(['http/protobuf', 'http/json']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeout: duration.optional(),
  }).optional(),
  networkSpans: z.boolean().optional(),
  propagation: z.union([z.boolean(), strictObject({ origins: z.array(httpUrl).optional() })]).optional(),
});

/** The shape of an `outpost.config.ts` export. */
export const configSchema = strictObject({
  journeys: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
  targets: z.record(nonEmpty, target).optional(),
  defaultTarget: nonEmpty.optional(),
  location: nonEmpty.optional(),
  locations: z.array(nonEmpty).optional(),
  defaults: defaults.optional(),
  secrets: secrets.optional(),
  browser: browser.optional(),
  use: options.optional(),
  playwrightConfig: z.union([nonEmpty, z.literal(false)]).optional(),
  store: store.optional(),
  outputDir: nonEmpty.optional(),
  telemetry: telemetry.optional(),
  slos: slosSchema.optional(),
  alerting: alertingSchema.optional(),
  retention: retentionSchema.optional(),
  dashboard: dashboardSchema.optional(),
});

/** Checks a config export and returns it typed, or every problem found in it. */
export function validateConfig(input: unknown): { config: OutpostConfig; issues: [] } | { config: undefined; issues: ConfigIssue[] } {
  const parsed = configSchema.safeParse(input, { reportInput: true, error: expectationMessage });
  const issues = [...(parsed.success ? [] : toConfigIssues(parsed.error.issues)), ...crossKeyIssues(input)];
  return parsed.success && issues.length === 0 ? { config: parsed.data, issues: [] } : { config: undefined, issues };
}

/**
 * Rules that span keys. They run outside zod on purpose: zod skips refinements once a field
 * has a type error, and one report must hold every problem.
 */
function crossKeyIssues(input: unknown): ConfigIssue[] {
  return [...defaultTargetIssues(input), ...sloListIssues(input), ...alertingIssues(input)];
}

function defaultTargetIssues(input: unknown): ConfigIssue[] {
  const { defaultTarget, targets } = (isRecord(input) ? input : {}) as { defaultTarget?: unknown; targets?: unknown };
  if (typeof defaultTarget !== 'string') return [];
  const names = isRecord(targets) ? Object.keys(targets) : [];
  if (names.includes(defaultTarget)) return [];
  const expected = names.length === 0 ? 'expected the name of a target, but no targets are defined' : `expected one of the targets: ${names.join(', ')}`;
  return [{ path: 'defaultTarget', message: `${expected}, got ${describeValue(defaultTarget)}` }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Keeps the documented OutpostConfig type and the schema in step: this fails to compile when they drift.
// (Strict identity: mutual assignability would miss an optional key present on one side only.)
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type SchemaMatchesOutpostConfig = Assert<Same<z.input<typeof configSchema>, OutpostConfig>>;
