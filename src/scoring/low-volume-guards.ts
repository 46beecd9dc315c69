import { wilsonLowerBound } from './wilson-interval.js';

/**
 * Guards that keep a tier from firing on too little evidence. Synthetic probes produce few
 * events (1 run/min is 60 an hour), so a plain burn-rate threshold can fire on one flake.
 * Counts are in the SLO's budgeting unit: runs for occurrences, slices for timeslices.
 */
export interface LowVolumeGuards {
  /** Valid events the long window must hold. */
  minEvents: number;
  /** Bad events the long window must hold. */
  minBadEvents: number;
  /**
   * One-sided confidence that the long window's true error ratio exceeds the tier threshold:
   * the Wilson lower bound at this level must be above it. `null` turns the guard off.
   */
  wilsonConfidence: number | null;
}

/** Defaults: never fire on a single bad event, and only when the excess is significant at 95%. */
export const DEFAULT_GUARDS: Readonly<LowVolumeGuards> = Object.freeze({
  minEvents: 10,
  minBadEvents: 2,
  wilsonConfidence: 0.95,
});

/** One count guard: what was required, what the window had, and whether that was enough. */
export interface CountGuard {
  required: number;
  actual: number;
  passed: boolean;
}

/** The statistical guard's inputs and verdict; `lowerBound` is null when the guard is off. */
export interface WilsonGuard {
  confidence: number | null;
  lowerBound: number | null;
  threshold: number;
  passed: boolean;
}

/** Every guard's verdict for one tier's long window. */
export interface GuardReport {
  minEvents: CountGuard;
  minBadEvents: CountGuard;
  wilson: WilsonGuard;
  passed: boolean;
}

/** Checks the guards against a long window holding `bad` of `events`, for a tier threshold f·B. */
export function checkGuards(guards: LowVolumeGuards, events: number, bad: number, threshold: number): GuardReport {
  const minEvents = countGuard(guards.minEvents, events);
  const minBadEvents = countGuard(guards.minBadEvents, bad);
  const wilson = wilsonGuard(guards.wilsonConfidence, events, bad, threshold);
  return { minEvents, minBadEvents, wilson, passed: minEvents.passed && minBadEvents.passed && wilson.passed };
}

function countGuard(required: number, actual: number): CountGuard {
  return { required, actual, passed: actual >= required };
}

function wilsonGuard(confidence: number | null, events: number, bad: number, threshold: number): WilsonGuard {
  if (confidence === null) return { confidence, lowerBound: null, threshold, passed: true };
  const lowerBound = wilsonLowerBound(bad, events, confidence);
  return { confidence, lowerBound, threshold, passed: lowerBound > threshold };
}

/** Merges partial overrides over a base, keeping the base where a field is absent. */
export function mergeGuards(base: LowVolumeGuards, override: Partial<LowVolumeGuards> | undefined): LowVolumeGuards {
  return {
    minEvents: override?.minEvents ?? base.minEvents,
    minBadEvents: override?.minBadEvents ?? base.minBadEvents,
    wilsonConfidence: override?.wilsonConfidence === undefined ? base.wilsonConfidence : override.wilsonConfidence,
  };
}

/** Problems with a guard configuration, each prefixed with `path`. */
export function guardIssues(guards: Partial<LowVolumeGuards> | undefined, path: string): string[] {
  if (guards === undefined) return [];
  const issues: string[] = [];
  for (const key of ['minEvents', 'minBadEvents'] as const) {
    const value = guards[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      issues.push(`${path}.${key}: expected an integer ≥ 0, got ${value}`);
    }
  }
  const confidence = guards.wilsonConfidence;
  if (confidence !== undefined && confidence !== null && !(confidence >= 0.5 && confidence < 1)) {
    issues.push(`${path}.wilsonConfidence: expected null or a level in [0.5, 1), got ${confidence}`);
  }
  return issues;
}
