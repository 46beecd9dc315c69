import { DEFAULT_ALERT_TIERS, deriveAlertTier, tierIssues, type AlertTier, type AlertTierSpec } from './alert-tiers.js';
import { errorBudget } from './error-budget.js';
import { DEFAULT_GUARDS, guardIssues, mergeGuards, type LowVolumeGuards } from './low-volume-guards.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';

/**
 * What a run of the journey is judged on:
 * - `availability`: the run passed;
 * - `latency`: the run (or one step) passed within `thresholdMs`;
 * - `step-availability`: one step passed (runs that never reach it do not count).
 */
export type SliSpec =
  | { kind: 'availability' }
  | { kind: 'latency'; thresholdMs: number; step?: string }
  | { kind: 'step-availability'; step: string };

/**
 * Locations that must succeed for a time slice to be good: a share of those that reported
 * in the slice (rounded up), or a count (capped at how many reported, so that a silent
 * location never makes a slice bad).
 */
export type Quorum = { share: number } | { count: number };

/** How the budget is counted, as configured. */
export type BudgetingSpec =
  | { method: 'occurrences' }
  | { method: 'timeslices'; sliceMs?: number; quorum?: Quorum };

/** How the budget is counted, with defaults filled in. */
export type Budgeting = { method: 'occurrences' } | { method: 'timeslices'; sliceMs: number; quorum: Quorum };

/**
 * What an SLO document records besides the math: who owns and approved it, what it covers,
 * where the runbook is, when it is reviewed and what happens when the budget is spent.
 * Carried through to alerts and `outpost slo report`; never used in the arithmetic.
 */
export interface SloMetadata {
  /** The CUJ and what the SLO protects, in the on-call engineer's words. */
  description?: string;
  /** The team or person who owns the SLO. */
  owner?: string;
  /** Who approved the objective (the product or business side). */
  approver?: string;
  /** The service the CUJ belongs to. */
  service?: string;
  /** Where responders go when it alerts. */
  runbookUrl?: string;
  /** When the SLO is due for review, as an ISO date (`2025-06-30`). */
  reviewDate?: string;
  /** What happens when the budget is spent, and the escalation path. */
  errorBudgetPolicy?: string;
}

/** An SLO as the scoring engine takes it. config/ reads user-facing units into this shape. */
export interface SloDefinition {
  name: string;
  /** The CUJ (journey) whose runs feed the SLI. */
  journey: string;
  sli: SliSpec;
  /** Target share of good events, strictly between 0 and 1 (e.g. 0.995). */
  objective: number;
  /** Rolling period; 28 days by default. A whole number of minutes. */
  periodMs?: number;
  /** `occurrences` by default. */
  budgeting?: BudgetingSpec;
  /** {@link DEFAULT_ALERT_TIERS} by default. */
  tiers?: readonly AlertTierSpec[];
  /** Low-volume guards for every tier; {@link DEFAULT_GUARDS} fill what is absent. */
  guards?: Partial<LowVolumeGuards>;
  /** The SLO document's metadata; `{}` when absent. */
  metadata?: SloMetadata;
}

/** An SLO ready to evaluate: defaults filled in, tiers derived from the period. */
export interface ResolvedSlo {
  name: string;
  journey: string;
  sli: SliSpec;
  objective: number;
  /** Error budget B = 1 − objective. */
  budget: number;
  periodMs: number;
  budgeting: Budgeting;
  tiers: AlertTier[];
  metadata: SloMetadata;
}

export const DEFAULT_PERIOD_MS = 28 * DAY_MS;
export const DEFAULT_SLICE_MS = MINUTE_MS;
/** A slice is good when at least half the locations that reported in it succeeded. */
export const DEFAULT_QUORUM: Readonly<Quorum> = Object.freeze({ share: 0.5 });

/** Thrown by {@link resolveSlo} with every problem found, each prefixed with its path. */
export class SloDefinitionError extends Error {
  constructor(
    readonly slo: string,
    readonly issues: readonly string[],
  ) {
    super(`SLO "${slo}" is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'SloDefinitionError';
  }
}

/** Validates a definition and fills in its defaults; throws {@link SloDefinitionError} listing every issue. */
export function resolveSlo(definition: SloDefinition): ResolvedSlo {
  const periodMs = definition.periodMs ?? DEFAULT_PERIOD_MS;
  const specs = definition.tiers ?? DEFAULT_ALERT_TIERS;
  const issues = definitionIssues(definition, periodMs, specs);
  if (issues.length > 0) throw new SloDefinitionError(definition.name, issues);
  const budget = errorBudget(definition.objective);
  const guards = mergeGuards(DEFAULT_GUARDS, definition.guards);
  return {
    name: definition.name,
    journey: definition.journey,
    sli: definition.sli,
    objective: definition.objective,
    budget,
    periodMs,
    budgeting: resolveBudgeting(definition.budgeting),
    tiers: specs.map((spec) => deriveAlertTier(spec, { periodMs, budget, guards })),
    metadata: definition.metadata ?? {},
  };
}

function resolveBudgeting(spec: BudgetingSpec | undefined): Budgeting {
  if (spec?.method !== 'timeslices') return { method: 'occurrences' };
  return { method: 'timeslices', sliceMs: spec.sliceMs ?? DEFAULT_SLICE_MS, quorum: spec.quorum ?? DEFAULT_QUORUM };
}

function definitionIssues(definition: SloDefinition, periodMs: number, specs: readonly AlertTierSpec[]): string[] {
  const issues: string[] = [];
  if (definition.name.trim() === '') issues.push('name: expected a non-empty name');
  if (definition.journey.trim() === '') issues.push('journey: expected a non-empty journey name');
  if (!(definition.objective > 0 && definition.objective < 1)) {
    issues.push(`objective: expected a ratio strictly between 0 and 1, got ${definition.objective}`);
  }
  if (!isWholeMinutes(periodMs)) issues.push(`periodMs: expected a whole number of minutes, got ${periodMs}`);
  issues.push(
    ...sliIssues(definition.sli),
    ...budgetingIssues(definition.budgeting, periodMs),
    ...tierIssues(specs, periodMs),
    ...guardIssues(definition.guards, 'guards'),
  );
  return issues;
}

function sliIssues(sli: SliSpec): string[] {
  const issues: string[] = [];
  if (sli.kind === 'latency' && !(sli.thresholdMs > 0 && Number.isFinite(sli.thresholdMs))) {
    issues.push(`sli.thresholdMs: expected a positive number of milliseconds, got ${sli.thresholdMs}`);
  }
  if (sli.kind !== 'availability' && sli.step !== undefined && sli.step.trim() === '') {
    issues.push('sli.step: expected a step name');
  }
  return issues;
}

function budgetingIssues(spec: BudgetingSpec | undefined, periodMs: number): string[] {
  if (spec?.method !== 'timeslices') return [];
  const issues: string[] = [];
  const sliceMs = spec.sliceMs ?? DEFAULT_SLICE_MS;
  // Rollups are per minute, so a slice must be made of whole minute buckets.
  if (!isWholeMinutes(sliceMs) || sliceMs > periodMs) {
    issues.push(`budgeting.sliceMs: expected a whole number of minutes within the period, got ${sliceMs}`);
  }
  const quorum = spec.quorum;
  if (quorum !== undefined && 'share' in quorum && !(quorum.share > 0 && quorum.share <= 1)) {
    issues.push(`budgeting.quorum.share: expected a share in (0, 1], got ${quorum.share}`);
  }
  if (quorum !== undefined && 'count' in quorum && !(Number.isInteger(quorum.count) && quorum.count >= 1)) {
    issues.push(`budgeting.quorum.count: expected an integer ≥ 1, got ${quorum.count}`);
  }
  return issues;
}

function isWholeMinutes(ms: number): boolean {
  return Number.isInteger(ms / MINUTE_MS) && ms >= MINUTE_MS;
}
