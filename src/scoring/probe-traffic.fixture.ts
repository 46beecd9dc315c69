import type { MinuteRollup } from './minute-rollup.js';
import { MINUTE_MS } from './time-units.js';

/** How one location did in one minute; counts are runs. */
export interface MinuteOutcome {
  bad?: number;
  degraded?: number;
  /** The location did not run in this minute. */
  skip?: boolean;
}

/**
 * Steady synthetic probe traffic for tests: `runsPerMinute` runs per location in every minute
 * of [fromMs, toMs), all good unless `outcome` says otherwise.
 */
export function probeTraffic(options: {
  fromMs: number;
  toMs: number;
  locations: readonly string[];
  runsPerMinute?: number;
  outcome?: (minuteMs: number, location: string) => MinuteOutcome;
}): MinuteRollup[] {
  const rollups: MinuteRollup[] = [];
  const total = options.runsPerMinute ?? 1;
  for (let minute = options.fromMs; minute < options.toMs; minute += MINUTE_MS) {
    for (const location of options.locations) {
      const { bad = 0, degraded = 0, skip = false } = options.outcome?.(minute, location) ?? {};
      if (skip) continue;
      rollups.push({ minute, location, total, good: total - bad - degraded, bad, degraded });
    }
  }
  return rollups;
}
