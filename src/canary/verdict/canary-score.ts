/**
 * The canary score: 100 × the weighted share of classified metrics that Pass. NoData metrics are
 * left out. Any critical metric that is classified and not Pass makes the score 0, however well
 * the rest did: a broken checkout is not outweighed by fast search pages.
 */
import type { MetricSettings } from './canary-config.js';
import type { Classification } from './metric-result.js';

export type ScoredMetric = MetricSettings & { classification: Classification };

/** The score in [0, 100], or null when no metric was classified (nothing to score). */
export function canaryScore(metrics: readonly ScoredMetric[], groupWeights: Readonly<Record<string, number>> = {}): number | null {
  const classified = metrics.filter((metric) => metric.classification !== 'NoData');
  if (classified.some((metric) => metric.critical && metric.classification !== 'Pass')) return 0;
  const weightOf = (metric: ScoredMetric): number => metric.weight * (groupWeights[metric.group] ?? 1);
  const total = classified.reduce((sum, metric) => sum + weightOf(metric), 0);
  if (total <= 0) return null;
  const passing = classified.filter((metric) => metric.classification === 'Pass').reduce((sum, metric) => sum + weightOf(metric), 0);
  return (100 * passing) / total;
}
