import { burnRate, errorRatio } from './burn-rate.js';
import { MINUTE_MS } from './time-units.js';

/** Error budget B = 1 − objective. */
export function errorBudget(objective: number): number {
  return 1 - objective;
}

/** The counts over an SLO period that the budget is computed from. */
export interface BudgetInput {
  objective: number;
  periodMs: number;
  /** Valid events in the period, in the budgeting unit (runs or slices). */
  events: number;
  /** Bad events in the period, in the same unit. */
  bad: number;
  /** Runs that passed only on retry: shown, never charged to the budget. */
  degradedRuns: number;
  /** Set for timeslice budgeting, so that the budget can also be told in minutes. */
  sliceMs?: number;
}

/** A budget told three ways: as a share, as bad events and (for timeslices) as minutes. */
export interface BudgetAmounts {
  allowed: number;
  consumed: number;
  /** Negative when the budget is overspent. */
  remaining: number;
}

/** Where an SLO stands over its period. */
export interface BudgetStatus {
  objective: number;
  /** B = 1 − objective. */
  budget: number;
  periodMs: number;
  events: number;
  bad: number;
  degradedRuns: number;
  /** Good share of valid events; null with no events. */
  sli: number | null;
  errorRatio: number | null;
  /** Burn rate over the whole period; null with no events. */
  burnRate: number | null;
  /** Shares of the budget: allowed is 1. */
  ratio: BudgetAmounts;
  /** In bad events: allowed = B × events. */
  badEvents: BudgetAmounts;
  /** In minutes of bad slices; null for occurrence budgeting. */
  minutes: BudgetAmounts | null;
}

/**
 * The budget over the period. The allowance scales with the valid events seen (B × events),
 * so the three views agree: the share consumed is the period's burn rate.
 */
export function budgetStatus(input: BudgetInput): BudgetStatus {
  const budget = errorBudget(input.objective);
  const ratio = errorRatio(input.bad, input.events);
  const allowedBad = budget * input.events;
  const consumedShare = allowedBad > 0 ? input.bad / allowedBad : 0;
  return {
    objective: input.objective,
    budget,
    periodMs: input.periodMs,
    events: input.events,
    bad: input.bad,
    degradedRuns: input.degradedRuns,
    sli: ratio === null ? null : 1 - ratio,
    errorRatio: ratio,
    burnRate: ratio === null ? null : burnRate(ratio, budget),
    ratio: amounts(1, consumedShare),
    badEvents: amounts(allowedBad, input.bad),
    minutes: input.sliceMs === undefined ? null : sliceMinutes(allowedBad, input.bad, input.sliceMs),
  };
}

function sliceMinutes(allowedSlices: number, badSlices: number, sliceMs: number): BudgetAmounts {
  const minutesPerSlice = sliceMs / MINUTE_MS;
  return amounts(allowedSlices * minutesPerSlice, badSlices * minutesPerSlice);
}

function amounts(allowed: number, consumed: number): BudgetAmounts {
  return { allowed, consumed, remaining: allowed - consumed };
}
