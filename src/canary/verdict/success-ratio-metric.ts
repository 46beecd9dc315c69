/**
 * The success-ratio metric of a CUJ: Fisher's exact test on passed/failed runs, classified, and
 * checked for whether the run count could have caught the configured failure at all.
 */
import { FISHER_METHOD, fisherExactGreater, type RunCounts } from '../statistics/fisher-exact.js';
import { fisherCanDetect, fisherRunsNeeded, type FailureEffect } from '../statistics/sample-size.js';
import { metricSettings, type CanaryConfig } from './canary-config.js';
import { formatPercent, formatPValue } from './format.js';
import { classifySuccessRatio } from './metric-classification.js';
import type { SuccessRatioMetric, SuccessRatioSide } from './metric-result.js';

export const SUCCESS_RATIO_ID = 'success-ratio';

/** Compares the failure rates of baseline and canary runs. Critical by default. */
export function analyseSuccessRatio(baseline: RunCounts, canary: RunCounts, config: CanaryConfig): SuccessRatioMetric {
  const effect: FailureEffect = {
    alpha: config.alpha,
    canaryFailureRate: config.detectableFailureRate,
    rateFloor: config.failureRateFloor,
  };
  const base = {
    id: SUCCESS_RATIO_ID,
    name: 'success ratio',
    kind: 'success-ratio' as const,
    ...metricSettings(config, SUCCESS_RATIO_ID, { critical: true, weight: 1, group: 'success' }),
    method: FISHER_METHOD,
    baseline: side(baseline),
    canary: side(canary),
  };
  const neededRunsPerSide = fisherRunsNeeded(effect, config.minRunsPerSide);
  const emptySide = runs(baseline) === 0 ? 'baseline' : runs(canary) === 0 ? 'canary' : undefined;
  if (emptySide) {
    // Without runs nothing can be ruled out, so this is undecided rather than merely excluded.
    return { ...base, classification: 'NoData', decided: false, neededRunsPerSide, reason: `no ${emptySide} runs` };
  }
  const pValue = fisherExactGreater(baseline, canary);
  const baselineFailureRate = baseline.failed / runs(baseline);
  const canaryFailureRate = canary.failed / runs(canary);
  const classification = classifySuccessRatio({ pValue, baselineFailureRate, canaryFailureRate }, config.alpha, config.failureRateFloor);
  // A significant result stands at any size; a Pass needs runs enough to have caught the effect.
  const decided =
    classification === 'High' ||
    (Math.min(runs(baseline), runs(canary)) >= config.minRunsPerSide && fisherCanDetect(runs(baseline), runs(canary), effect));
  const comparison =
    `canary failed ${canary.failed} of ${runs(canary)} runs (${formatPercent(canaryFailureRate)}), ` +
    `baseline ${baseline.failed} of ${runs(baseline)} (${formatPercent(baselineFailureRate)}), p = ${formatPValue(pValue)}`;
  const verdict =
    classification === 'High'
      ? `significantly more failures (p < ${config.alpha})`
      : passExplanation(pValue, canaryFailureRate - baselineFailureRate, config);
  const reason = `${comparison}: ${verdict}${decided ? '' : `; ${tooFewRuns(neededRunsPerSide, config)}`}`;
  return { ...base, pValue, classification, decided, ...(decided ? {} : { neededRunsPerSide }), reason };
}

function passExplanation(pValue: number, increase: number, config: CanaryConfig): string {
  if (pValue >= config.alpha) return `not significant at ${config.alpha}`;
  return `significant, but the increase of ${formatPercent(increase)} is within the ${formatPercent(config.failureRateFloor)} floor`;
}

function tooFewRuns(needed: number | null, config: CanaryConfig): string {
  const effect = config.detectableFailureRate === 1 ? 'a total outage of the canary' : `a canary failure rate of ${formatPercent(config.detectableFailureRate)}`;
  return needed === null
    ? `no run count can detect ${effect} above the ${formatPercent(config.failureRateFloor)} floor`
    : `too few runs to rule out ${effect}: ${needed} per side needed`;
}

function runs(counts: RunCounts): number {
  return counts.passed + counts.failed;
}

function side(counts: RunCounts): SuccessRatioSide {
  const { passed, failed } = counts;
  const total = runs(counts);
  return total === 0 ? { passed, failed } : { passed, failed, failureRate: failed / total };
}
