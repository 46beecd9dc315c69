/**
 * Canary analysis: baseline vs canary runs of each CUJ → statistics → score → verdict.
 * Pure: the runner collects the samples, the CLI prints and exits.
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
