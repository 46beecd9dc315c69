import { toMilliseconds } from '../journey/index.js';
import {
  DEFAULT_PERIOD_MS,
  resolveSlo,
  SloDefinitionError,
  windowLabel,
  type AlertTierSpec,
  type BudgetingSpec,
  type LowVolumeGuards,
  type ResolvedSlo,
  type SliSpec,
  type SloDefinition,
  type SloMetadata,
} from '../scoring/index.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { describeValue, formatPath } from './config-issues.js';
import type { AlertTierConfig, BudgetingConfig, GuardsConfig, SliConfig, SloConfig } from './slo-config.js';
import { sloSchema } from './slo-schema.js';

/**
 * Turns the config's SLO entries (already schema-checked) into resolved SLOs. Throws a
 * {@link ConfigError} listing every problem; {@link sloListIssues} has normally reported them
 * with the rest of the config already.
 */
export function resolveSloConfigs(list: readonly SloConfig[]): ResolvedSlo[] {
  const issues = list.flatMap((entry, i) => entryIssues(entry, i, list));
  if (issues.length > 0) throw new ConfigError(issues);
  return list.map((entry) => resolveSlo(sloDefinitionFromConfig(entry)));
}

/**
 * Rules that span the fields of an SLO, or SLOs (unique names), for a raw config export.
 * Entries with schema problems are skipped: the schema reports those.
 */
export function sloListIssues(input: unknown): ConfigIssue[] {
  const list = typeof input === 'object' && input !== null ? (input as { slos?: unknown }).slos : undefined;
  if (!Array.isArray(list)) return [];
  const valid = list.map((entry) => sloSchema.safeParse(entry)).map((parsed) => (parsed.success ? (parsed.data as SloConfig) : undefined));
  return valid.flatMap((entry, i) => (entry === undefined ? [] : entryIssues(entry, i, valid)));
}

function entryIssues(entry: SloConfig, index: number, list: readonly (SloConfig | undefined)[]): ConfigIssue[] {
  const at = (...keys: PropertyKey[]) => formatPath(['slos', index, ...keys]);
  const first = list.findIndex((other) => other?.name === entry.name);
  const duplicate: ConfigIssue[] = first < index ? [{ path: at('name'), message: `${describeValue(entry.name)} is already the name of slos[${first}]` }] : [];
  const windows = windowIssues(entry).map(({ keys, message }) => ({ path: at(...keys), message }));
  // What the engine still refuses (duplicate tier names, for one), in the config's own key names.
  const engine = windows.length > 0 ? [] : engineIssues(entry).map(({ keys, message }) => ({ path: at(...keys), message }));
  return [...duplicate, ...windows, ...engine];
}

interface EntryIssue {
  keys: PropertyKey[];
  message: string;
}

/** Tier windows and the time slice must fit in the SLO window; a short window must be shorter than its long one. */
function windowIssues(entry: SloConfig): EntryIssue[] {
  const periodMs = entry.window === undefined ? DEFAULT_PERIOD_MS : toMilliseconds(entry.window);
  const within = `expected at most the SLO window (${windowLabel(periodMs)})`;
  const issues: EntryIssue[] = [];
  const slice = typeof entry.budgeting === 'object' && entry.budgeting.method === 'timeslices' ? entry.budgeting.slice : undefined;
  if (slice !== undefined && toMilliseconds(slice) > periodMs) issues.push({ keys: ['budgeting', 'slice'], message: `${within}, got ${describeValue(slice)}` });
  (entry.tiers ?? []).forEach((tier, i) => {
    const longMs = toMilliseconds(tier.longWindow);
    if (longMs > periodMs) issues.push({ keys: ['tiers', i, 'longWindow'], message: `${within}, got ${describeValue(tier.longWindow)}` });
    if (tier.shortWindow !== undefined && toMilliseconds(tier.shortWindow) >= longMs) {
      issues.push({ keys: ['tiers', i, 'shortWindow'], message: `expected less than longWindow (${windowLabel(longMs)}), got ${describeValue(tier.shortWindow)}` });
    }
  });
  return issues;
}

const ENGINE_KEYS: Record<string, string> = {
  periodMs: 'window',
  sliceMs: 'slice',
  thresholdMs: 'threshold',
  longWindowMs: 'longWindow',
  shortWindowMs: 'shortWindow',
  budgetShare: 'budgetPercent',
};

function engineIssues(entry: SloConfig): EntryIssue[] {
  try {
    resolveSlo(sloDefinitionFromConfig(entry));
    return [];
  } catch (error) {
    if (!(error instanceof SloDefinitionError)) throw error;
    return error.issues.map((issue) => {
      const split = issue.indexOf(': ');
      const keys = issue.slice(0, split).split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
      return { keys: keys.map((key) => (/^\d+$/.test(key) ? Number(key) : (ENGINE_KEYS[key] ?? key))), message: issue.slice(split + 2) };
    });
  }
}

/** The engine's definition of a config entry: percentages to ratios, durations to milliseconds, tier names filled in. */
export function sloDefinitionFromConfig(entry: SloConfig): SloDefinition {
  return {
    name: entry.name,
    journey: entry.journey,
    sli: sliSpec(entry.sli),
    objective: fromPercent(entry.objective),
    ...(entry.window === undefined ? {} : { periodMs: toMilliseconds(entry.window) }),
    ...(entry.budgeting === undefined ? {} : { budgeting: budgetingSpec(entry.budgeting) }),
    ...(entry.tiers === undefined ? {} : { tiers: entry.tiers.map(tierSpec) }),
    ...(entry.guards === undefined ? {} : { guards: guardSpec(entry.guards) }),
    metadata: sloMetadata(entry),
  };
}

/** Percent to a ratio, without the binary noise of `/ 100` (99.9 / 100 is 0.9990000000000001). */
export function fromPercent(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

function sliSpec(sli: SliConfig): SliSpec {
  if (sli.kind === 'latency') return { kind: 'latency', thresholdMs: toMilliseconds(sli.threshold), ...(sli.step === undefined ? {} : { step: sli.step }) };
  return sli;
}

function budgetingSpec(budgeting: BudgetingConfig): BudgetingSpec {
  const spec = typeof budgeting === 'string' ? { method: budgeting } : budgeting;
  if (spec.method === 'occurrences') return { method: 'occurrences' };
  return {
    method: 'timeslices',
    ...('slice' in spec && spec.slice !== undefined ? { sliceMs: toMilliseconds(spec.slice) } : {}),
    ...('quorum' in spec && spec.quorum !== undefined ? { quorum: spec.quorum } : {}),
  };
}

function tierSpec(tier: AlertTierConfig): AlertTierSpec {
  const longWindowMs = toMilliseconds(tier.longWindow);
  return {
    name: tier.name ?? defaultTierName(tier.severity, longWindowMs),
    severity: tier.severity,
    budgetShare: fromPercent(tier.budgetPercent),
    longWindowMs,
    ...(tier.shortWindow === undefined ? {} : { shortWindowMs: toMilliseconds(tier.shortWindow) }),
    ...(tier.guards === undefined ? {} : { guards: guardSpec(tier.guards) }),
  };
}

/** `page-1h`, `ticket-72h` (as the default tiers are named), for tiers configured without a name. */
export function defaultTierName(severity: AlertTierSpec['severity'], longWindowMs: number): string {
  return `${severity}-${windowLabel(longWindowMs)}`;
}

function guardSpec(guards: GuardsConfig): Partial<LowVolumeGuards> {
  return Object.fromEntries(Object.entries(guards).filter(([, value]) => value !== undefined));
}

const METADATA_KEYS = ['description', 'owner', 'approver', 'service', 'runbookUrl', 'reviewDate', 'errorBudgetPolicy'] as const satisfies readonly (keyof SloMetadata & keyof SloConfig)[];

function sloMetadata(entry: SloConfig): SloMetadata {
  return Object.fromEntries(METADATA_KEYS.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}
