import type { ResolvedSlo } from '../../../src/scoring/index.js';
import { DURATION_BUCKETS_SECONDS, INSTRUMENTS, METRIC_ATTRIBUTES as M } from '../../../src/telemetry/index.js';

/** The Prometheus names of the run and step instruments (see prometheus-names.ts for the rules). */
export const PROMETHEUS_SERIES = {
  journeyRuns: `${promName(INSTRUMENTS.journeyRuns)}_total`,
  journeyDuration: `${promName(INSTRUMENTS.journeyDuration)}_seconds`,
  stepRuns: `${promName(INSTRUMENTS.stepRuns)}_total`,
  stepDuration: `${promName(INSTRUMENTS.stepDuration)}_seconds`,
} as const;

function promName(instrument: string): string {
  return instrument.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Attempts that concluded a probe; `retried` and `invalid` ones are not SLO events. */
const PROBES = `${M.outcome}=~"passed|degraded|failed"`;

/** Thrown when an SLO cannot be expressed over Outpost's metrics. */
export class SloRulesError extends Error {
  constructor(
    readonly slo: string,
    readonly problem: string,
  ) {
    super(`SLO "${slo}": ${problem}`);
    this.name = 'SloRulesError';
  }
}

/** PromQL for an SLI's events and bad events over a window `[w]`. */
export interface SliQueries {
  events(window: string): string;
  bad(window: string): string;
}

/**
 * The counters behind an SLO's SLI. Every selector keeps concluding attempts only (a run is bad
 * when its last attempt failed, i.e. every attempt failed), summed over locations and targets:
 * - availability: runs with outcome `failed` of all probes;
 * - latency: probes minus those that passed within the threshold (a histogram bucket bound);
 * - a step: that step's passed/failed/timed-out results in concluding attempts (skipped: not an event).
 */
export function sliQueries(slo: ResolvedSlo): SliQueries {
  const journey = `${M.journey}=${quote(slo.journey)}`;
  const { sli } = slo;
  const increase = (series: string, selector: string, window: string) => `sum(increase(${series}{${selector}}[${window}]))`;
  if (sli.kind === 'availability') {
    const runs = PROMETHEUS_SERIES.journeyRuns;
    return {
      events: (w) => increase(runs, `${journey},${PROBES}`, w),
      bad: (w) => orZero(increase(runs, `${journey},${M.outcome}="failed"`, w)),
    };
  }
  if (sli.kind === 'step-availability') {
    const steps = `${journey},${M.step}=${quote(sli.step)},${PROBES}`;
    const runs = PROMETHEUS_SERIES.stepRuns;
    return {
      events: (w) => increase(runs, `${steps},${M.status}=~"passed|failed|timedOut"`, w),
      bad: (w) => orZero(increase(runs, `${steps},${M.status}=~"failed|timedOut"`, w)),
    };
  }
  const histogram = sli.step === undefined ? PROMETHEUS_SERIES.journeyDuration : PROMETHEUS_SERIES.stepDuration;
  const selector = sli.step === undefined ? `${journey},${PROBES}` : `${journey},${M.step}=${quote(sli.step)},${PROBES}`;
  const le = bucketMatcher(slo.name, sli.thresholdMs);
  // Only passed results are good: a failed run (or step) did not finish within the threshold either.
  const good = (w: string) => increase(`${histogram}_bucket`, `${selector},${M.status}="passed",${le}`, w);
  return {
    events: (w) => increase(`${histogram}_count`, selector, w),
    bad: (w) => `(${increase(`${histogram}_count`, selector, w)} - ${orZero(good(w))})`,
  };
}

/**
 * The `le` matcher of the bucket at the threshold. Prometheus 3 writes integer bounds as
 * `1.0` where Prometheus 2 kept `1`, so both spellings are matched.
 */
function bucketMatcher(slo: string, thresholdMs: number): string {
  const seconds = thresholdMs / 1000;
  if (!DURATION_BUCKETS_SECONDS.includes(seconds)) {
    const bounds = DURATION_BUCKETS_SECONDS.map((b) => (b < 1 ? `${b * 1000}ms` : `${b}s`)).join(', ');
    throw new SloRulesError(slo, `its latency threshold ${thresholdMs} ms is not a bucket bound of the duration histograms; Prometheus can only judge one of: ${bounds}`);
  }
  return Number.isInteger(seconds) ? `le=~"${seconds}|${seconds}.0"` : `le="${seconds}"`;
}

/**
 * A series that has never been written (no failure since Outpost started; no fast run during
 * an outage) is absent, not 0: without this the ratio would vanish exactly when it matters.
 */
function orZero(query: string): string {
  return `(${query} or vector(0))`;
}

/** A PromQL string literal (double-quoted; JSON escaping is valid PromQL escaping). */
export function quote(value: string): string {
  return JSON.stringify(value);
}
