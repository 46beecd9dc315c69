/**
 * The knobs of a canary analysis and their defaults. Each default is the documented practice
 * of canary judges (98% shift intervals, a 25% tolerance, Fisher at 5%, pass at 90, marginal at 75).
 */

/** How one metric counts in the score. */
export interface MetricSettings {
  /** A critical metric that is not Pass sets the score to 0. */
  critical: boolean;
  /** Weight within the score (multiplied by its group's weight). */
  weight: number;
  /** Group name; `groupWeights` scales every metric of the group. */
  group: string;
}

export interface CanaryConfig {
  /** Significance level of the one-sided Fisher test on failures. */
  alpha: number;
  /** The canary failure rate must exceed the baseline's by more than this (0.01 = one point). */
  failureRateFloor: number;
  /** The failure rate the run count must be able to detect (1 = a total outage of the canary). */
  detectableFailureRate: number;
  /** Two-sided confidence level of the latency shift interval. */
  confidenceLevel: number;
  /** Tolerated latency shift as a share of the baseline median. */
  relativeTolerance: number;
  /** Smallest latency shift that can fail a deploy, in ms, however significant a smaller one is. */
  effectFloorMs: number;
  /** Power with which the run count must detect a latency shift of the threshold. */
  power: number;
  /** Fewer runs than this on a side cannot make a Pass. */
  minRunsPerSide: number;
  /** Score at or above which the verdict is PASS. */
  passScore: number;
  /** Score at or above which the verdict is MARGINAL (below: FAIL). */
  marginalScore: number;
  /** Weight per group name; groups not listed weigh 1. */
  groupWeights: Readonly<Record<string, number>>;
  /** Per-metric overrides, by metric id: `success-ratio`, `latency`, `step:<name>`. */
  metrics: Readonly<Record<string, Partial<MetricSettings>>>;
}

export const DEFAULT_CANARY_CONFIG: CanaryConfig = {
  alpha: 0.05,
  failureRateFloor: 0.01,
  detectableFailureRate: 1,
  confidenceLevel: 0.98,
  relativeTolerance: 0.25,
  effectFloorMs: 50,
  power: 0.8,
  minRunsPerSide: 5,
  passScore: 90,
  marginalScore: 75,
  groupWeights: {},
  metrics: {},
};

/** Thrown for settings or samples the analysis cannot use; lists every issue at once. */
export class CanaryInputError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid canary analysis input:\n- ${issues.join('\n- ')}`);
    this.name = 'CanaryInputError';
  }
}

/** Defaults completed with `overrides`; throws CanaryInputError listing every unusable value. */
export function resolveCanaryConfig(overrides: Partial<CanaryConfig> = {}): CanaryConfig {
  const config = { ...DEFAULT_CANARY_CONFIG, ...overrides };
  const issues = canaryConfigIssues(config);
  if (issues.length > 0) throw new CanaryInputError(issues);
  return config;
}

/** Every value of `config` the statistics cannot use, each naming its key. */
export function canaryConfigIssues(config: CanaryConfig): string[] {
  return [
    ...openUnitIssues(config, ['alpha', 'confidenceLevel', 'power']),
    ...closedUnitIssues(config, ['failureRateFloor', 'detectableFailureRate']),
    ...nonNegativeIssues(config, ['relativeTolerance', 'effectFloorMs', 'minRunsPerSide']),
    ...(config.marginalScore <= config.passScore ? [] : ['marginalScore must not exceed passScore']),
  ];
}

type NumericKey = { [K in keyof CanaryConfig]: CanaryConfig[K] extends number ? K : never }[keyof CanaryConfig];

function openUnitIssues(config: CanaryConfig, keys: readonly NumericKey[]): string[] {
  return keys.filter((key) => !(config[key] > 0 && config[key] < 1)).map((key) => `${key} must be between 0 and 1 (exclusive), got ${config[key]}`);
}

function closedUnitIssues(config: CanaryConfig, keys: readonly NumericKey[]): string[] {
  return keys.filter((key) => !(config[key] >= 0 && config[key] <= 1)).map((key) => `${key} must be between 0 and 1, got ${config[key]}`);
}

function nonNegativeIssues(config: CanaryConfig, keys: readonly NumericKey[]): string[] {
  return keys.filter((key) => !(Number.isFinite(config[key]) && config[key] >= 0)).map((key) => `${key} must be a non-negative number, got ${config[key]}`);
}

/** The settings of metric `id`: the default for its kind, then the configured overrides. */
export function metricSettings(config: CanaryConfig, id: string, defaults: MetricSettings): MetricSettings {
  return { ...defaults, ...config.metrics[id] };
}
