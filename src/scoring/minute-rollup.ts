import type { RunClass } from './run-classification.js';
import { MINUTE_MS } from './time-units.js';

/**
 * Event-weighted counts of one SLI for one location in one minute bucket: what the store
 * hands the scoring engine. `total = good + bad + degraded`; a run is bad only when every
 * attempt failed, and degraded when it passed on retry (shown, never charged to the budget).
 */
export interface MinuteRollup {
  /** Start of the minute, epoch ms (floored to the minute). */
  minute: number;
  location: string;
  total: number;
  good: number;
  bad: number;
  degraded: number;
}

/** A run already judged against an SLI, as input to {@link rollUpRuns}. */
export interface ClassifiedRun {
  startedAtMs: number;
  location: string;
  outcome: RunClass;
}

/** Thrown when counts cannot be right (negative, or not adding up to the total). */
export class RollupError extends Error {
  constructor(readonly counts: { minute: number; total: number; good: number; bad: number; degraded: number }) {
    super(
      `invalid rollup at minute ${counts.minute}: counts must be ≥ 0 and good + bad + degraded must equal total ` +
        `(total ${counts.total}, good ${counts.good}, bad ${counts.bad}, degraded ${counts.degraded})`,
    );
    this.name = 'RollupError';
  }
}

/** The start of the minute that holds `ms`. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * True when the counts are non-negative and add up. Takes numbers rather than an object
 * because series builders call it for every rollup.
 */
export function countsAddUp(total: number, good: number, bad: number, degraded: number): boolean {
  return good >= 0 && bad >= 0 && degraded >= 0 && good + bad + degraded === total;
}

/** Throws {@link RollupError} unless the rollup's counts are non-negative and add up. */
export function checkRollup(rollup: MinuteRollup): void {
  if (!countsAddUp(rollup.total, rollup.good, rollup.bad, rollup.degraded)) throw new RollupError(rollup);
}

/** Counts classified runs into minute buckets per location; invalid runs are not counted. */
export function rollUpRuns(runs: Iterable<ClassifiedRun>): MinuteRollup[] {
  const buckets = new Map<string, MinuteRollup>();
  for (const run of runs) {
    if (run.outcome === 'invalid') continue;
    const minute = floorToMinute(run.startedAtMs);
    const key = `${minute}\u0000${run.location}`;
    let rollup = buckets.get(key);
    if (rollup === undefined) {
      rollup = { minute, location: run.location, total: 0, good: 0, bad: 0, degraded: 0 };
      buckets.set(key, rollup);
    }
    rollup.total += 1;
    rollup[run.outcome] += 1;
  }
  return [...buckets.values()].sort((a, b) => a.minute - b.minute || a.location.localeCompare(b.location));
}
