import type { ResolvedSlo } from '../slo-definition.js';
import { buildSloSeries } from '../slo-series.js';
import type { RunTable } from './run-table.js';
import { rollUpSloRuns, type RunCounts } from './slo-rollups.js';
import { replayClock, replaySeriesRange, replaySlo, type AlertTransition, type ReplayClock, type SloReplay } from './slo-replay.js';

/** One SLO's replay with the runs it was judged on. */
export interface SloReplayReport extends SloReplay {
  slo: ResolvedSlo;
  counts: RunCounts;
}

/** What a replay found: every alert transition in time order, and a report per SLO. */
export interface ReplayReport {
  clock: ReplayClock;
  /** By time; at one instant by SLO name, then page before ticket, then tier order. */
  transitions: AlertTransition[];
  slos: SloReplayReport[];
  /** Journeys with results but no SLO, whose runs were not replayed. */
  journeysWithoutSlo: string[];
}

/** Thrown when there is nothing to replay. */
export class EmptyReplayError extends Error {
  constructor() {
    super('no results to replay');
    this.name = 'EmptyReplayError';
  }
}

/**
 * Replays results through the scoring and alerting engine in simulated time: per SLO, the
 * runs are judged against its SLI, rolled up per location and minute, built into a series
 * once and evaluated every minute of the replay clock.
 */
export function replayResults(table: RunTable, slos: readonly ResolvedSlo[]): ReplayReport {
  const span = table.span;
  if (span === null) throw new EmptyReplayError();
  const clock = replayClock(span);
  const reports = slos.map((slo): SloReplayReport => {
    const range = replaySeriesRange(slo, clock);
    const { rollups, counts } = rollUpSloRuns(table, slo.journey, slo.sli, range);
    return { slo, counts, ...replaySlo(slo, buildSloSeries(slo, rollups, range), clock) };
  });
  const covered = new Set(slos.map((slo) => slo.journey));
  return {
    clock,
    transitions: reports.flatMap((r) => r.transitions).sort(transitionOrder),
    slos: reports,
    journeysWithoutSlo: table.journeys.filter((j) => !covered.has(j)),
  };
}

const SEVERITY_RANK = { page: 0, ticket: 1 } as const;

function transitionOrder(a: AlertTransition, b: AlertTransition): number {
  return (
    a.atMs - b.atMs ||
    (a.slo < b.slo ? -1 : a.slo > b.slo ? 1 : 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.tierIndex - b.tierIndex
  );
}
