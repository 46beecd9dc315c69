import { budgetStatus, type BudgetStatus } from './error-budget.js';
import type { ResolvedSlo } from './slo-definition.js';
import type { SloSeries } from './slo-series.js';
import { evaluateTier, type TierDecision } from './tier-evaluation.js';

/** An SLO at one instant: its budget over the period and every tier's decision. */
export interface SloEvaluation {
  slo: string;
  journey: string;
  atMs: number;
  budget: BudgetStatus;
  tiers: TierDecision[];
}

/** Evaluates an SLO at `nowMs`: one O(1) read per window, nothing rescanned. */
export function evaluateSlo(slo: ResolvedSlo, series: SloSeries, nowMs: number): SloEvaluation {
  const counter = series.budgeting;
  const budget = budgetStatus({
    objective: slo.objective,
    periodMs: slo.periodMs,
    events: counter.eventsIn(nowMs, slo.periodMs),
    bad: counter.badIn(nowMs, slo.periodMs),
    degradedRuns: series.runs.degradedIn(nowMs, slo.periodMs),
    ...(slo.budgeting.method === 'timeslices' ? { sliceMs: slo.budgeting.sliceMs } : {}),
  });
  const tiers = slo.tiers.map((tier) => evaluateTier(slo, tier, series, nowMs));
  return { slo: slo.name, journey: slo.journey, atMs: nowMs, budget, tiers };
}
