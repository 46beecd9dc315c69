import { mergeGuards, guardIssues, type LowVolumeGuards } from './low-volume-guards.js';
import { HOUR_MS, MINUTE_MS } from './time-units.js';

/** `page` wakes someone up; `ticket` can wait for working hours. */
export type Severity = 'page' | 'ticket';

/**
 * A multiwindow multi-burn-rate tier as configured: "spend `budgetShare` of the budget in
 * `longWindowMs`". The burn factor follows from the SLO period, so tiers stay right when the
 * period changes.
 */
export interface AlertTierSpec {
  /** Unique within the SLO; part of the alert's dedup key, so keep it stable. */
  name: string;
  severity: Severity;
  /** Share of the period's budget that the tier tolerates in the long window (0.02 = 2%). */
  budgetShare: number;
  longWindowMs: number;
  /** Defaults to `longWindowMs / 12`; it makes the alert reset soon after recovery. */
  shortWindowMs?: number;
  /** Overrides of the SLO's low-volume guards for this tier. */
  guards?: Partial<LowVolumeGuards>;
}

/** A tier with its factor and threshold derived for one SLO. */
export interface AlertTier {
  name: string;
  severity: Severity;
  budgetShare: number;
  longWindowMs: number;
  shortWindowMs: number;
  /** Burn-rate factor f = budgetShare × period / longWindow. */
  factor: number;
  /** Error-ratio threshold f·B that both windows must exceed. */
  threshold: number;
  guards: LowVolumeGuards;
}

/**
 * The common tiers: page on 2% of the budget in 1h or 5% in 6h; ticket on 10% in 24h or in
 * 72h. For a 30-day period that is 14.4, 6, 3 and 1.
 */
export const DEFAULT_ALERT_TIERS: readonly AlertTierSpec[] = Object.freeze([
  { name: 'page-1h', severity: 'page', budgetShare: 0.02, longWindowMs: HOUR_MS },
  { name: 'page-6h', severity: 'page', budgetShare: 0.05, longWindowMs: 6 * HOUR_MS },
  { name: 'ticket-24h', severity: 'ticket', budgetShare: 0.1, longWindowMs: 24 * HOUR_MS },
  { name: 'ticket-72h', severity: 'ticket', budgetShare: 0.1, longWindowMs: 72 * HOUR_MS },
]);

/** The burn factor that spends `budgetShare` of a `periodMs` budget in `windowMs`: f = p·T/w. */
export function burnFactor(budgetShare: number, periodMs: number, windowMs: number): number {
  return (budgetShare * periodMs) / windowMs;
}

/** The short window that goes with a long one: a twelfth of it. */
export function defaultShortWindow(longWindowMs: number): number {
  return longWindowMs / 12;
}

/** Derives a tier's factor, threshold and guards for an SLO with error budget `budget`. */
export function deriveAlertTier(
  spec: AlertTierSpec,
  slo: { periodMs: number; budget: number; guards: LowVolumeGuards },
): AlertTier {
  const factor = burnFactor(spec.budgetShare, slo.periodMs, spec.longWindowMs);
  return {
    name: spec.name,
    severity: spec.severity,
    budgetShare: spec.budgetShare,
    longWindowMs: spec.longWindowMs,
    shortWindowMs: spec.shortWindowMs ?? defaultShortWindow(spec.longWindowMs),
    factor,
    threshold: factor * slo.budget,
    guards: mergeGuards(slo.guards, spec.guards),
  };
}

/** Problems with a list of tier specs for a period, each with its path. */
export function tierIssues(specs: readonly AlertTierSpec[], periodMs: number): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  specs.forEach((spec, i) => {
    const path = `tiers[${i}]`;
    if (spec.name.trim() === '') issues.push(`${path}.name: expected a non-empty name`);
    if (seen.has(spec.name)) issues.push(`${path}.name: "${spec.name}" is used by another tier`);
    seen.add(spec.name);
    if (!(spec.budgetShare > 0 && spec.budgetShare <= 1)) {
      issues.push(`${path}.budgetShare: expected a share in (0, 1], got ${spec.budgetShare}`);
    }
    issues.push(...windowIssues(spec, periodMs, path), ...guardIssues(spec.guards, `${path}.guards`));
  });
  return issues;
}

function windowIssues(spec: AlertTierSpec, periodMs: number, path: string): string[] {
  const issues: string[] = [];
  if (!(spec.longWindowMs >= MINUTE_MS && spec.longWindowMs <= periodMs)) {
    issues.push(`${path}.longWindowMs: expected between 1 minute and the period (${periodMs} ms), got ${spec.longWindowMs}`);
  }
  const short = spec.shortWindowMs;
  if (short !== undefined && !(short > 0 && short < spec.longWindowMs)) {
    issues.push(`${path}.shortWindowMs: expected more than 0 and less than longWindowMs, got ${short}`);
  }
  return issues;
}
