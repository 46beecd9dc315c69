/**
 * Deploy gates. Canary analysis: baseline vs canary runs of each CUJ → statistics → score →
 * verdict (the statistics and verdict are pure; `session/` runs the journeys, interleaved).
 * Post-deploy verification: N runs per CUJ with confirmation retries against a pass rate.
 * `hooks/`: the HTTP API for Argo Rollouts and Flagger. The CLI prints and exits.
 */
export { analyseCanary, type CanaryAnalysis } from './verdict/canary-analysis.js';
export { analyseCuj, type CujAnalysis } from './verdict/cuj-analysis.js';
export type { CujSamples, DeploymentSamples } from './verdict/cuj-samples.js';
export {
  CanaryInputError,
  DEFAULT_CANARY_CONFIG,
  resolveCanaryConfig,
  type CanaryConfig,
  type MetricSettings,
} from './verdict/canary-config.js';
export type { ScoreRange, Verdict, VerdictRange } from './verdict/canary-verdict.js';
export type {
  Classification,
  LatencyMetric,
  LatencyShift,
  LatencySide,
  MetricResult,
  SuccessRatioMetric,
  SuccessRatioSide,
} from './verdict/metric-result.js';
export { runVerify, DEFAULT_VERIFY_RUNS, type VerifyOptions } from './session/verify-session.js';
export type { VerifyCuj, VerifyReport, AttemptFailure } from './session/verify-report.js';
export type { ConfirmedRun, RunOutcome } from '../runner/index.js';
export { runCanary, DEFAULT_CANARY_RUNS, type CanaryOptions, type CanarySessionResult } from './session/canary-session.js';
export type { CanarySide } from './session/interleaved-schedule.js';
export type { SessionOptions, SessionRunOptions } from './session/session-options.js';
export { createCanaryApi, type CanaryApi, type CanaryApiOptions } from './hooks/canary-api.js';
export type { AnalyseCanary, AnalysisEntry, AnalysisState } from './hooks/analysis-registry.js';
export { parseCanaryRequest, type CanaryRequest, type RequestIssue } from './hooks/canary-request.js';
export { gateBody, gateScore, type GateBody, type GateMetric } from './hooks/gate-body.js';
// R's type-7 quantiles, for other reports of latency percentiles (the dashboard's p50/p95).
export { quantileOfSorted } from './statistics/sample-quantile.js';
