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
   * One-sided confidence of the Wilson guard: the lower bound of the true error ratio at this
   * level must be above the tier threshold f·B in the short window ("it is still happening"),
   * and in the long window too while the threshold there stands for fewer than
   * {@link LOW_VOLUME_BAD_EVENTS} bad events. `null` turns the guard off.
   */
  wilsonConfidence: number | null;
  /**
   * Early recovery: stop firing once a streak of good events (at least `minEvents`) in the long
   * window would have had less than `1 - recoveryConfidence` chance at the error ratio seen
   * before it; after that, only what came since can make the tier's case. `null` leaves the
   * reset to the short window alone (plain MWMB).
   */
  recoveryConfidence: number | null;
}

/**
 * Defaults: never fire on a single bad event, only when the excess is significant at 95%,
 * and stop as soon as the good runs since the last failure make "still failing" a 1-in-1000 chance.
 */
export const DEFAULT_GUARDS: Readonly<LowVolumeGuards> = Object.freeze({
  minEvents: 10,
  minBadEvents: 2,
  wilsonConfidence: 0.95,
  recoveryConfidence: 0.999,
});

/** One count guard: what was required, what the window had, and whether that was enough. */
export interface CountGuard {
  required: number;
  actual: number;
  passed: boolean;
}

/**
 * Below this many bad events at the threshold (f·B × events), a long window is low-volume: a
 * flake or two can cross f·B by chance, so the Wilson guard applies there. Above it the count
 * itself is the evidence that the budget share was spent, and the guard stands aside.
 */
export const LOW_VOLUME_BAD_EVENTS = 10;

/**
 * The statistical guard's inputs and verdict; `lowerBound` is null when the guard is off or
 * does not apply (`applies: false`: a long window with volume enough, or an empty window).
 */
export interface WilsonGuard {
  confidence: number | null;
  applies: boolean;
  lowerBound: number | null;
  threshold: number;
  passed: boolean;
}

/**
 * Every guard's verdict for one tier: the counts and the Wilson guard on the long window, and
 * the Wilson guard on the short window too, so that "still happening" also rests on evidence.
 */
export interface GuardReport {
  minEvents: CountGuard;
  minBadEvents: CountGuard;
  wilson: WilsonGuard;
  shortWilson: WilsonGuard;
  passed: boolean;
}

/** Event counts of one window. */
export interface WindowCounts {
  events: number;
  bad: number;
}

/** Checks the guards against a tier's long and short windows, for a tier threshold f·B. */
export function checkGuards(guards: LowVolumeGuards, long: WindowCounts, short: WindowCounts, threshold: number): GuardReport {
  const minEvents = countGuard(guards.minEvents, long.events);
  const minBadEvents = countGuard(guards.minBadEvents, long.bad);
  const lowVolume = threshold * long.events < LOW_VOLUME_BAD_EVENTS;
  const wilson = wilsonGuard(lowVolume ? guards.wilsonConfidence : null, long.events, long.bad, threshold);
  const shortWilson = wilsonGuard(guards.wilsonConfidence, short.events, short.bad, threshold);
  const passed = minEvents.passed && minBadEvents.passed && wilson.passed && shortWilson.passed;
  return { minEvents, minBadEvents, wilson, shortWilson, passed };
}

/** Whether a window on its own makes the case: enough bad events, above f·B, and significant. */
export function windowMakesCase(guards: LowVolumeGuards, window: WindowCounts, threshold: number): boolean {
  if (window.events === 0 || window.bad < guards.minBadEvents || window.bad / window.events <= threshold) return false;
  return wilsonGuard(guards.wilsonConfidence, window.events, window.bad, threshold).passed;
}

function countGuard(required: number, actual: number): CountGuard {
  return { required, actual, passed: actual >= required };
}

function wilsonGuard(confidence: number | null, events: number, bad: number, threshold: number): WilsonGuard {
  if (confidence === null || events === 0) return { confidence, applies: false, lowerBound: null, threshold, passed: true };
  const lowerBound = wilsonLowerBound(bad, events, confidence);
  return { confidence, applies: true, lowerBound, threshold, passed: lowerBound > threshold };
}

/** Merges partial overrides over a base, keeping the base where a field is absent. */
export function mergeGuards(base: LowVolumeGuards, override: Partial<LowVolumeGuards> | undefined): LowVolumeGuards {
  return {
    minEvents: override?.minEvents ?? base.minEvents,
    minBadEvents: override?.minBadEvents ?? base.minBadEvents,
    wilsonConfidence: override?.wilsonConfidence === undefined ? base.wilsonConfidence : override.wilsonConfidence,
    recoveryConfidence: override?.recoveryConfidence === undefined ? base.recoveryConfidence : override.recoveryConfidence,
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
  for (const key of ['wilsonConfidence', 'recoveryConfidence'] as const) {
    const confidence = guards[key];
    if (confidence !== undefined && confidence !== null && !(confidence >= 0.5 && confidence < 1)) {
      issues.push(`${path}.${key}: expected null or a level in [0.5, 1), got ${confidence}`);
    }
  }
  return issues;
}
