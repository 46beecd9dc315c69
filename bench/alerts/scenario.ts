// The demo shop's seeded PRNG: fault-set.ts is where it lives, and it is not part of the shop's API.
import { mulberry32 } from '../../src/demo-shop/fault-set.js';
import { resolveSlo, type SloDefinition } from '../../src/scoring/index.js';
import { runClassifier, type ResultLine } from '../../src/scoring/replay/index.js';
import { DAY_MS, MINUTE_MS } from '../../src/scoring/time-units.js';
import { incidentAt, LOCATIONS, scriptedIncidents, type IncidentSpec } from './incidents.js';
import { asRunRow } from './probe-grid.js';

/** First-attempt failure rate per location; half of these flakes pass on retry. */
export const FLAKE_RATES: Readonly<Record<string, number>> = { 'eu-west': 0.005, 'us-east': 0.01, 'ap-south': 0.02 };

/**
 * The SLOs under test. The flakes above leave ≈ 0.58% of runs bad, which a 99.5% objective
 * could not absorb (the budget would be spent by noise alone), so checkout is held to 99%
 * and the latency SLO, which also counts failed runs, to 98%.
 */
export const BENCH_SLOS: readonly SloDefinition[] = [
  { name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.99 },
  { name: 'search-latency', journey: 'search', sli: { kind: 'latency', thresholdMs: 2000 }, objective: 0.98 },
];

/** An incident with what it did: the bad runs it caused, and whether that is significant. */
export interface LabelledIncident extends IncidentSpec {
  slo: string;
  /** Runs that were bad for the SLO only because of the incident. */
  badRuns: number;
  /** Share of the SLO's 28-day budget those runs consumed. */
  budgetShare: number;
  /** It consumed ≥ 2% of the budget: it must be detected. Otherwise it must not page. */
  significant: boolean;
}

export interface Scenario {
  startMs: number;
  endMs: number;
  runs: ResultLine[];
  incidents: LabelledIncident[];
}

export const SIGNIFICANT_SHARE = 0.02;
const JOURNEYS = ['checkout', 'search'];

/**
 * One run a minute from each of three locations for `days` days, for both journeys, with
 * the scripted incidents on top of background flakes and lognormal latency. Deterministic
 * for a seed.
 */
export function generateScenario(options: { seed: number; days: number; startMs?: number }): Scenario {
  const startMs = options.startMs ?? Date.UTC(2025, 0, 6);
  const endMs = startMs + options.days * DAY_MS;
  const specs = scriptedIncidents(startMs).filter((i) => i.startMs + i.durationMs <= endMs);
  const random = mulberry32(options.seed);
  const runs: ResultLine[] = [];
  const causes = new Map<string, number>();
  const classifiers = new Map(BENCH_SLOS.map((slo) => [slo.journey, runClassifier(slo.sli)]));
  for (let minuteMs = startMs; minuteMs < endMs; minuteMs += MINUTE_MS) {
    for (const journey of JOURNEYS) {
      const incident = incidentAt(specs, journey, minuteMs);
      LOCATIONS.forEach((location, i) => {
        const { run, background } = probeRun(random, journey, location, minuteMs + (5 + 20 * i) * 1000, incident);
        runs.push(run);
        if (incident !== undefined && causedBad(classifiers.get(journey)!, run, background)) causes.set(incident.id, (causes.get(incident.id) ?? 0) + 1);
      });
    }
  }
  return { startMs, endMs, runs, incidents: specs.map((spec) => label(spec, causes.get(spec.id) ?? 0)) };
}

/** One run, and what it would have been without the incident. */
function probeRun(random: () => number, journey: string, location: string, startedAtMs: number, incident: IncidentSpec | undefined) {
  const flake = random() < FLAKE_RATES[location]!;
  const recovers = random() < 0.5;
  const durationMs = Math.round(900 * Math.exp(0.25 * normal(random)));
  const background: ResultLine = {
    journey,
    location,
    startedAtMs,
    durationMs,
    status: flake && !recovers ? 'failed' : 'passed',
    attempts: flake ? 2 : 1,
  };
  const failure = incident?.effect.failure?.[location] ?? 0;
  const broken = failure > 0 && random() < failure;
  const run: ResultLine = {
    ...background,
    durationMs: durationMs + (incident?.effect.extraLatencyMs ?? 0),
    ...(broken ? { status: 'failed', attempts: 2 } : {}),
  };
  return { run, background };
}

function causedBad(classify: ReturnType<typeof runClassifier>, run: ResultLine, background: ResultLine): boolean {
  return classify(asRunRow(run)) === 'bad' && classify(asRunRow(background)) !== 'bad';
}

function label(spec: IncidentSpec, badRuns: number): LabelledIncident {
  const definition = BENCH_SLOS.find((s) => s.journey === spec.journey)!;
  const slo = resolveSlo(definition);
  // The budget of a full 28-day period at the nominal rate: 3 runs a minute.
  const allowedBad = slo.budget * (slo.periodMs / MINUTE_MS) * LOCATIONS.length;
  const budgetShare = badRuns / allowedBad;
  return { ...spec, slo: slo.name, badRuns, budgetShare, significant: budgetShare >= SIGNIFICANT_SHARE };
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
