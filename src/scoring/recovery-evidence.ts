import type { WindowCounter } from './minute-series.js';

/**
 * Early recovery. Plain MWMB resets when the short window's error ratio drops below f·B: for
 * a full outage that takes most of the short window (about 28 min for the 6h tier's 30m
 * window). Yet ten good runs in a row after a run of failures already show the outage is
 * over: had the service still been failing, they would have had no chance at all. After a
 * partial failure (10% errors) the same streak is unremarkable, so the alert holds until the
 * short window clears.
 *
 * A recovery point is the most recent clean streak in the searched span (the tier's long window)
 * that is long enough: at the error ratio over a reference span (the tier's short window) just
 * before it, such a streak would have had less than `1 - confidence` chance. That reference
 * stays put while the streak grows, so once shown, a recovery stays shown until failures come
 * back.
 */
export interface RecoveryPoint {
  /** Good events in the streak. */
  streak: number;
  /** About when the streak began: the end of the last bucket with a bad event before it. */
  sinceMs: number;
  /** The error ratio over the reference span before the streak: the rate it was tested against. */
  priorErrorRatio: number;
  /** The streak that was needed: `ln(1 - confidence) / ln(1 - priorErrorRatio)`, at least `minStreak`. */
  required: number;
  /** Events and bad events from the start of the streak to now: the evidence that counts after it. */
  events: number;
  bad: number;
}

/** Where to look for a recovery point, and what to test a streak against. */
export interface RecoverySearch {
  nowMs: number;
  /** How far back to look: the tier's long window. */
  searchMs: number;
  /** The span before a streak whose error ratio it is tested against: the tier's short window. */
  referenceMs: number;
}

/**
 * Walks back from `nowMs` a bucket (minute or slice) at a time over `searchMs` and returns the
 * most recent recovery point, or null when there is none. `minStreak` is the least evidence ever
 * accepted.
 */
export function findRecoveryPoint(counter: WindowCounter, search: RecoverySearch, confidence: number, minStreak: number): RecoveryPoint | null {
  const step = counter.grid.bucketMs;
  const buckets = Math.max(1, Math.ceil(search.searchMs / step));
  let afterEvents = 0;
  let afterBad = 0;
  let streak = 0;
  for (let i = 0; i < buckets; i++) {
    const endMs = search.nowMs - i * step;
    const bad = counter.badIn(endMs, step);
    const events = counter.eventsIn(endMs, step);
    if (bad === 0) {
      streak += events;
      continue;
    }
    const priorErrorRatio = counter.badIn(endMs, search.referenceMs) / counter.eventsIn(endMs, search.referenceMs);
    const required = Math.max(1, minStreak, streakNeeded(confidence, priorErrorRatio));
    if (streak >= required) {
      return { streak, sinceMs: endMs, priorErrorRatio, required, events: afterEvents + streak, bad: afterBad };
    }
    afterEvents += streak + events;
    afterBad += bad;
    streak = 0;
  }
  return null;
}

/** The clean streak that has at most `1 - confidence` chance at a constant error ratio. */
export function streakNeeded(confidence: number, errorRatio: number): number {
  if (errorRatio >= 1) return 1;
  if (errorRatio <= 0) return Infinity;
  return Math.ceil(Math.log(1 - confidence) / Math.log(1 - errorRatio));
}
