/**
 * Pure SLO math for CUJ-based SLIs: budgets, burn rates, multiwindow multi-burn-rate tiers
 * with low-volume guards, the alert lifecycle and the policy linter. No I/O, no clock:
 * every evaluation takes `now`.
 */
export { resolveSlo, SloDefinitionError, DEFAULT_PERIOD_MS, DEFAULT_SLICE_MS, DEFAULT_QUORUM } from './slo-definition.js';
export type { SloDefinition, SloMetadata, ResolvedSlo, SliSpec, BudgetingSpec, Budgeting, Quorum } from './slo-definition.js';
export { effectiveSlos, defaultSlo, UnknownSloJourneyError } from './effective-slos.js';
export { DEFAULT_ALERT_TIERS, burnFactor } from './alert-tiers.js';
export type { AlertTierSpec, AlertTier, Severity } from './alert-tiers.js';
export { DEFAULT_GUARDS, LOW_VOLUME_BAD_EVENTS } from './low-volume-guards.js';
export type { LowVolumeGuards, GuardReport, CountGuard, WilsonGuard, WindowCounts } from './low-volume-guards.js';
export { classifyRun } from './run-classification.js';
export type { RunClass, AttemptOutcome } from './run-classification.js';
export { rollUpRuns, floorToMinute, RollupError } from './minute-rollup.js';
export type { MinuteRollup, ClassifiedRun } from './minute-rollup.js';
export { MinuteSeriesBuilder, SeriesBuilderError, minuteSeriesFromColumns } from './minute-series.js';
export type { MinuteSeries, MinuteColumns, WindowCounter, EventUnit } from './minute-series.js';
export { TimesliceSeriesBuilder, isBadSlice } from './timeslice-series.js';
export { MINUTE_MS, HOUR_MS, DAY_MS } from './time-units.js';
export type { SeriesRange, BucketGrid } from './prefix-sums.js';
export { buildSloSeries, seriesRangeFor } from './slo-series.js';
export type { SloSeries, RunCounter } from './slo-series.js';
export { errorBudget } from './error-budget.js';
export type { BudgetStatus, BudgetAmounts } from './error-budget.js';
export { burnRate, budgetShareSpent, detectionTimeMs } from './burn-rate.js';
export { evaluateSlo } from './slo-evaluation.js';
export type { SloEvaluation } from './slo-evaluation.js';
export type { TierDecision, WindowReading, TierBlocker } from './tier-evaluation.js';
export type { RecoveryPoint } from './recovery-evidence.js';
export {
  advanceAlert,
  initialAlertState,
  alertDedupKey,
  AlertStateMismatchError,
  DEFAULT_LIFECYCLE_OPTIONS,
} from './alert-lifecycle.js';
export type {
  AlertState,
  AlertStatus,
  AlertNotification,
  NotificationKind,
  LifecycleOptions,
  LifecycleStep,
} from './alert-lifecycle.js';
export { lintSlo } from './policy-lint.js';
export type { TierLint, ProbeRate, LintWarning, LintCode, FiringLimit } from './policy-lint.js';
export { wilsonLowerBound, normalQuantile } from './wilson-interval.js';
export { windowLabel } from './replay/window-label.js';
export { LATENCY_BOUNDS_MS, LATENCY_BUCKETS, latencyBucket, latencyCut } from './latency-buckets.js';
export type { LatencyCut } from './latency-buckets.js';
export { probeOutcome, classifyOutcome, outcomeForSli } from './probe-outcome.js';
export type { ProbeOutcome, DimensionOutcome } from './probe-outcome.js';
