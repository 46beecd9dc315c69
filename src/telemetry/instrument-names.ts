/**
 * Names, units and bucket bounds of every metric instrument Outpost creates, in one place.
 */
export const INSTRUMENTS = {
  journeyDuration: 'outpost.journey.duration',
  stepDuration: 'outpost.step.duration',
  journeyRuns: 'outpost.journey.runs',
  stepRuns: 'outpost.step.runs',
  sloSli: 'outpost.slo.sli',
  sloErrorBudgetRemaining: 'outpost.slo.error_budget.remaining',
  sloBurnRate: 'outpost.slo.burn_rate',
} as const;

/**
 * Histogram bucket bounds in seconds, from a fast API step (50 ms) to a slow checkout journey
 * (2 min). Real buckets, not an average: p50/p95/p99 come out of them.
 */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

/** The meter and tracer name (the instrumentation scope) of everything Outpost records. */
export const INSTRUMENTATION_SCOPE = 'outpost';
