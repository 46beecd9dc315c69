/**
 * The full canary analysis of one CUJ: its success ratio, journey latency and per-step latency,
 * the score and the verdict, each with the reason behind it.
 */
import { CanaryInputError, resolveCanaryConfig, type CanaryConfig } from './canary-config.js';
import { canaryScore } from './canary-score.js';
import { scoreRange, settledVerdict, verdictRange, type ScoreRange, type Verdict, type VerdictRange } from './canary-verdict.js';
import { sampleIssues, type CujSamples } from './cuj-samples.js';
import { analyseLatency } from './latency-metric.js';
import type { MetricResult } from './metric-result.js';
import { analyseSuccessRatio } from './success-ratio-metric.js';

export interface CujAnalysis {
  cuj: string;
  verdict: Verdict;
  /** Score with every metric as classified; null when no metric could be classified. */
  score: number | null;
  /** Scores if the undecided metrics came out Pass (best) or not Pass (worst). */
  scoreRange: ScoreRange;
  verdictRange: VerdictRange;
  reason: string;
  /** When INCONCLUSIVE: runs per side that would decide every undecided metric (null: unknown). */
  neededRunsPerSide?: number | null;
  metrics: MetricResult[];
}

/**
 * Analyses one CUJ from raw samples; throws CanaryInputError for unusable settings or samples.
 * @example
 * analyseCuj('checkout', {
 *   baseline: { passed: 20, failed: 0, durationsMs: [...], steps: { pay: [...] } },
 *   canary: { passed: 12, failed: 8, durationsMs: [...], steps: { pay: [...] } },
 * }).verdict // 'FAIL'
 */
export function analyseCuj(cuj: string, samples: CujSamples, overrides: Partial<CanaryConfig> = {}): CujAnalysis {
  const config = resolveCanaryConfig(overrides);
  const issues = sampleIssues(cuj, samples);
  if (issues.length > 0) throw new CanaryInputError(issues);
  return judgeCuj(cuj, samples, config);
}

/** The analysis of samples already checked, with a resolved config. */
export function judgeCuj(cuj: string, samples: CujSamples, config: CanaryConfig): CujAnalysis {
  const metrics = cujMetrics(samples, config);
  const scores = scoreRange(metrics, config.groupWeights);
  const range = verdictRange(scores, config);
  const verdict = settledVerdict(range);
  const score = canaryScore(metrics, config.groupWeights);
  const needed = verdict === 'INCONCLUSIVE' ? neededRuns(metrics) : undefined;
  return {
    cuj,
    verdict,
    score,
    scoreRange: scores,
    verdictRange: range,
    reason: cujReason(verdict, metrics, score, range),
    ...(needed === undefined ? {} : { neededRunsPerSide: needed }),
    metrics,
  };
}

function cujMetrics(samples: CujSamples, config: CanaryConfig): MetricResult[] {
  const { baseline, canary } = samples;
  const stepNames = [...new Set([...Object.keys(baseline.steps ?? {}), ...Object.keys(canary.steps ?? {})])];
  return [
    analyseSuccessRatio(baseline, canary, config),
    analyseLatency({ id: 'latency', name: 'journey latency' }, baseline.durationsMs, canary.durationsMs, config),
    ...stepNames.map((step) =>
      analyseLatency({ id: `step:${step}`, name: `step '${step}' latency` }, baseline.steps?.[step] ?? [], canary.steps?.[step] ?? [], config),
    ),
  ];
}

/** The most runs any undecided metric asks for; null when none of them can say. */
export function neededRuns(metrics: readonly Pick<MetricResult, 'decided' | 'neededRunsPerSide'>[]): number | null | undefined {
  const undecided = metrics.filter((metric) => !metric.decided);
  if (undecided.length === 0) return undefined;
  const known = undecided.flatMap((metric) => (typeof metric.neededRunsPerSide === 'number' ? [metric.neededRunsPerSide] : []));
  return known.length === 0 ? null : Math.max(...known);
}

function cujReason(verdict: Verdict, metrics: readonly MetricResult[], score: number | null, range: VerdictRange): string {
  if (verdict === 'INCONCLUSIVE') {
    const undecided = metrics.filter((metric) => !metric.decided);
    const needs = undecided.map((metric) => `${metric.name} (${metric.neededRunsPerSide ?? 'unknown'} runs per side)`);
    const open = score === null ? 'no metric has data on both sides' : `the verdict could be anything from ${range.best} to ${range.worst}`;
    return `too few runs to decide: ${open}; undecided: ${needs.join(', ')}`;
  }
  const criticalFailure = metrics.find(
    (metric) => metric.critical && metric.decided && metric.classification !== 'Pass' && metric.classification !== 'NoData',
  );
  if (criticalFailure) return `critical ${criticalFailure.name} is ${criticalFailure.classification}: ${criticalFailure.reason}`;
  const classified = metrics.filter((metric) => metric.classification !== 'NoData');
  const notPass = classified.filter((metric) => metric.classification !== 'Pass').map((metric) => `${metric.name} ${metric.classification}`);
  const summary = `score ${(score ?? 0).toFixed(1)}: ${classified.length - notPass.length} of ${classified.length} metrics Pass`;
  return notPass.length === 0 ? summary : `${summary}; ${notPass.join(', ')}`;
}
