import type { MinuteRollup } from './minute-rollup.js';
import { resolveSlo, type SloDefinition } from './slo-definition.js';
import { evaluateSlo } from './slo-evaluation.js';
import { buildSloSeries } from './slo-series.js';
import type { TierDecision } from './tier-evaluation.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';

/** Test clock origin: a Monday noon UTC, on a whole minute. */
export const T0 = Date.UTC(2025, 0, 6, 12, 0);

/** `minutes` after {@link T0} (negative: before). */
export const at = (minutes: number): number => T0 + minutes * MINUTE_MS;

/** The SLO of the design notes' examples: 99.9% over 30 days, default tiers and guards. */
export const checkoutSlo: SloDefinition = {
  name: 'checkout',
  journey: 'checkout',
  sli: { kind: 'availability' },
  objective: 0.999,
  periodMs: 30 * DAY_MS,
};

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

/**
 * An SLO fed one run a minute per location from `historyMinutes` before T0 until `untilMinute`
 * after it; `outcome` gets minutes relative to T0. `tier` reads one tier's decision at an instant.
 */
export function scenario(
  definition: SloDefinition,
  locations: readonly string[],
  untilMinute: number,
  outcome?: (minute: number, location: string) => MinuteOutcome,
  historyMinutes = 180,
) {
  const slo = resolveSlo(definition);
  const range = { fromMs: at(-historyMinutes), toMs: at(untilMinute) };
  const relative = outcome && ((ms: number, location: string) => outcome((ms - T0) / MINUTE_MS, location));
  const rollups = probeTraffic({ ...range, locations, ...(relative ? { outcome: relative } : {}) });
  const series = buildSloSeries(slo, rollups, range);
  const tier = (name: string, nowMs: number): TierDecision => {
    const found = evaluateSlo(slo, series, nowMs).tiers.find((t) => t.tier === name);
    if (found === undefined) throw new Error(`no tier ${name}`);
    return found;
  };
  return { slo, series, tier };
}
