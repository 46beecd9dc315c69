import type { JourneyResult } from '../../../journey/index.js';
import {
  buildSloSeries,
  classifyRun,
  evaluateSlo,
  rollUpRuns,
  seriesRangeFor,
  type BudgetStatus,
  type ClassifiedRun,
  type ResolvedSlo,
  type WindowCounter,
} from '../../../scoring/index.js';
import type { ResultStore } from '../../../store/index.js';
import { BURN_DOWN_POINTS, type BurnDownPoint, type SloReading, type SloSource } from './slo-source.js';

/**
 * Evaluates SLOs from the raw runs of their journeys: every run of the period is read and
 * classified. Exact, and fine for small stores; the rollup-based source replaces it for large ones.
 */
export function runsSloSource(store: Pick<ResultStore, 'queryRuns'>): SloSource {
  return { read: (slos, nowMs) => Promise.all(slos.map((slo) => readSlo(store, slo, nowMs))) };
}

async function readSlo(store: Pick<ResultStore, 'queryRuns'>, slo: ResolvedSlo, nowMs: number): Promise<SloReading> {
  const range = seriesRangeFor(slo, nowMs);
  const runs = await store.queryRuns({ journey: slo.journey, from: new Date(range.fromMs), to: new Date(nowMs + 1) });
  const classified: ClassifiedRun[] = probes(runs).map((attempts) => ({
    startedAtMs: Date.parse(attempts[0]!.startedAt),
    location: attempts[0]!.location,
    outcome: classifyRun(slo.sli, attempts),
  }));
  const series = buildSloSeries(slo, rollUpRuns(classified), range);
  const evaluation = evaluateSlo(slo, series, nowMs);
  return { slo, budget: evaluation.budget, tiers: evaluation.tiers, burnDown: burnDown(series.budgeting, evaluation.budget, nowMs) };
}

/**
 * Groups stored attempts into probes: a confirmation retry (attempt > 1) belongs to the latest
 * earlier attempt of the same journey, location and session. Each probe lists its attempts in order.
 */
export function probes(runs: readonly JourneyResult[]): JourneyResult[][] {
  const oldestFirst = [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.attempt - b.attempt);
  const open = new Map<string, JourneyResult[]>();
  const all: JourneyResult[][] = [];
  for (const run of oldestFirst) {
    const key = `${run.journey}\u0000${run.location}\u0000${run.sessionId ?? ''}`;
    const current = open.get(key);
    if (run.attempt > 1 && current !== undefined && current.at(-1)!.attempt === run.attempt - 1) {
      current.push(run);
      continue;
    }
    const probe = [run];
    open.set(key, probe);
    all.push(probe);
  }
  return all;
}

/**
 * The share of the period's budget left at evenly spaced instants from the start of the period to
 * now: the allowance is the whole period's (B × events), and the bad events are those from the
 * start of the period up to each instant, so the last point is the budget left now.
 */
export function burnDown(counter: WindowCounter, budget: BudgetStatus, nowMs: number): BurnDownPoint[] {
  const startMs = nowMs - budget.periodMs;
  const allowed = budget.badEvents.allowed;
  const points: BurnDownPoint[] = [];
  for (let i = 0; i <= BURN_DOWN_POINTS; i++) {
    const atMs = startMs + (budget.periodMs * i) / BURN_DOWN_POINTS;
    const bad = i === 0 ? 0 : counter.badIn(atMs, atMs - startMs);
    // No events means no allowance and no bad events: nothing spent.
    points.push({ atMs, remaining: allowed > 0 ? 1 - bad / allowed : 1 });
  }
  return points;
}
