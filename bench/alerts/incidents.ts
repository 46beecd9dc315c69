import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/scoring/time-units.js';

/** What an incident does to runs while it lasts. */
export interface IncidentEffect {
  /** Chance that a run fails every attempt, per location (absent: not affected). */
  failure?: Readonly<Record<string, number>>;
  /** Added to every run's duration. */
  extraLatencyMs?: number;
}

/** An incident as scripted: when, on which journey, for how long, doing what. */
export interface IncidentSpec {
  id: string;
  journey: string;
  startMs: number;
  durationMs: number;
  effect: IncidentEffect;
}

export const LOCATIONS = ['eu-west', 'us-east', 'ap-south'] as const;
const everywhere = (p: number) => Object.fromEntries(LOCATIONS.map((l) => [l, p]));

/**
 * The labelled incidents of the scenario, days apart so that one incident's bad runs have
 * left the 72h windows before the next (blips aside, which land in between on purpose).
 * `day(d, h)` is hour h of day d after the scenario start.
 */
export function scriptedIncidents(startMs: number): IncidentSpec[] {
  const day = (d: number, h = 0, m = 0) => startMs + d * DAY_MS + h * HOUR_MS + m * MINUTE_MS;
  const minutes = (n: number) => n * MINUTE_MS;
  const checkout = (id: string, at: number, durationMs: number, effect: IncidentEffect): IncidentSpec => ({ id, journey: 'checkout', startMs: at, durationMs, effect });
  const search = (id: string, at: number, durationMs: number, effect: IncidentEffect): IncidentSpec => ({ id, journey: 'search', startMs: at, durationMs, effect });
  return [
    checkout('outage-3m', day(4, 10, 7), minutes(3), { failure: everywhere(1) }),
    checkout('outage-10m', day(8, 14, 31), minutes(10), { failure: everywhere(1) }),
    checkout('outage-30m', day(12, 3, 12), minutes(30), { failure: everywhere(1) }),
    checkout('outage-120m', day(16, 19, 45), minutes(120), { failure: everywhere(1) }),
    checkout('errors-10pct-6h', day(20, 9, 0), 6 * HOUR_MS, { failure: everywhere(0.1) }),
    checkout('ap-south-broken-90m', day(24, 16, 20), minutes(90), { failure: { 'ap-south': 1 } }),
    checkout('errors-2pct-3d', day(28, 6, 0), 3 * DAY_MS, { failure: everywhere(0.02) }),
    checkout('blip-1m-a', day(6, 2, 40), minutes(1), { failure: everywhere(1) }),
    checkout('blip-2m-b', day(10, 17, 3), minutes(2), { failure: everywhere(1) }),
    checkout('blip-2m-c', day(14, 8, 55), minutes(2), { failure: everywhere(1) }),
    checkout('blip-1m-d', day(18, 12, 11), minutes(1), { failure: everywhere(1) }),
    checkout('blip-2m-e', day(22, 23, 30), minutes(2), { failure: everywhere(1) }),
    checkout('blip-2m-f', day(26, 5, 48), minutes(2), { failure: everywhere(1) }),
    search('latency-regression-4h', day(9, 11, 0), 4 * HOUR_MS, { extraLatencyMs: 800 }),
    search('slow-blip-2m-a', day(5, 13, 21), minutes(2), { extraLatencyMs: 4000 }),
    search('slow-blip-1m-b', day(15, 1, 2), minutes(1), { extraLatencyMs: 4000 }),
    search('slow-blip-2m-c', day(21, 20, 40), minutes(2), { extraLatencyMs: 4000 }),
    search('outage-2m-d', day(27, 7, 7), minutes(2), { failure: everywhere(1) }),
  ];
}

/** The incident affecting a journey at an instant, if any (incidents of one journey do not overlap). */
export function incidentAt(incidents: readonly IncidentSpec[], journey: string, ms: number): IncidentSpec | undefined {
  return incidents.find((i) => i.journey === journey && ms >= i.startMs && ms < i.startMs + i.durationMs);
}
