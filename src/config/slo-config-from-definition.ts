import { windowLabel, type SloDefinition, type LowVolumeGuards } from '../scoring/index.js';
import type { AlertTierConfig, GuardsConfig, SloConfig } from './slo-config.js';

/**
 * The config entry that resolves to a definition: ratios as percentages, milliseconds as
 * duration strings. What `outpost slo import` prints for `outpost.config.ts`.
 */
export function sloConfigFromDefinition(definition: SloDefinition): SloConfig {
  const { sli, budgeting, tiers, guards, metadata = {} } = definition;
  const entry: SloConfig = {
    name: definition.name,
    journey: definition.journey,
    sli: sli.kind === 'latency' ? { kind: 'latency', threshold: sli.thresholdMs, ...(sli.step === undefined ? {} : { step: sli.step }) } : sli,
    objective: toPercent(definition.objective),
  };
  if (definition.periodMs !== undefined) entry.window = windowLabel(definition.periodMs);
  if (budgeting?.method === 'timeslices') {
    entry.budgeting = { method: 'timeslices', ...(budgeting.sliceMs === undefined ? {} : { slice: windowLabel(budgeting.sliceMs) }), ...(budgeting.quorum === undefined ? {} : { quorum: budgeting.quorum }) };
  } else if (budgeting !== undefined) entry.budgeting = 'occurrences';
  if (tiers !== undefined) {
    entry.tiers = tiers.map((tier): AlertTierConfig => ({
      name: tier.name,
      severity: tier.severity,
      budgetPercent: toPercent(tier.budgetShare),
      longWindow: windowLabel(tier.longWindowMs),
      ...(tier.shortWindowMs === undefined ? {} : { shortWindow: windowLabel(tier.shortWindowMs) }),
      ...(tier.guards === undefined ? {} : { guards: guardsConfig(tier.guards) }),
    }));
  }
  if (guards !== undefined) entry.guards = guardsConfig(guards);
  return { ...entry, ...metadata };
}

function toPercent(ratio: number): number {
  return Number((ratio * 100).toPrecision(12));
}

function guardsConfig(guards: Partial<LowVolumeGuards>): GuardsConfig {
  return Object.fromEntries(Object.entries(guards).filter(([, v]) => v !== undefined));
}
