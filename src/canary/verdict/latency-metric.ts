/**
 * A latency metric (the whole journey or one step): Mann–Whitney test, Hodges–Lehmann shift
 * canary − baseline with its interval, classified against max(tolerance, floor), and checked for
 * whether the run count could have detected a shift of that size.
 */
import { hodgesLehmann, type ShiftEstimate } from '../statistics/hodges-lehmann.js';
import { mannWhitneyTest } from '../statistics/mann-whitney.js';
import { quantileOfSorted, sortedAscending } from '../statistics/sample-quantile.js';
import { noetherRunsPerSide, rankIntervalRunsNeeded } from '../statistics/sample-size.js';
import { metricSettings, type CanaryConfig } from './canary-config.js';
import { formatMs, formatPercent, formatSignedMs } from './format.js';
import { classifyLatencyShift, latencyThresholdMs } from './metric-classification.js';
import type { Classification, LatencyMetric, LatencySide } from './metric-result.js';

/** Names one latency metric: `latency` for the journey, `step:<name>` for a step. */
export interface LatencyMetricName {
  id: string;
  name: string;
}

/** Compares baseline and canary durations (ms). Not critical by default. */
export function analyseLatency(
  metric: LatencyMetricName,
  baselineMs: readonly number[],
  canaryMs: readonly number[],
  config: CanaryConfig,
): LatencyMetric {
  const base = {
    ...metric,
    kind: 'latency' as const,
    ...metricSettings(config, metric.id, { critical: false, weight: 1, group: 'latency' }),
    baseline: summarise(baselineMs),
    canary: summarise(canaryMs),
  };
  if (baselineMs.length === 0 || canaryMs.length === 0) {
    const empty = baselineMs.length === 0 ? 'baseline' : 'canary';
    return { ...base, classification: 'NoData', decided: true, reason: `no ${empty} samples` };
  }
  const thresholdMs = latencyThresholdMs(base.baseline.medianMs ?? 0, config.relativeTolerance, config.effectFloorMs);
  const test = mannWhitneyTest(canaryMs, baselineMs);
  const shift = hodgesLehmann(canaryMs, baselineMs, { confidenceLevel: config.confidenceLevel });
  const interval = { lowerMs: shift.lower, upperMs: shift.upper };
  const classification = classifyLatencyShift(interval, thresholdMs);
  const neededRunsPerSide = latencyRunsNeeded(baselineMs, thresholdMs, config);
  const enoughRuns = neededRunsPerSide !== null && Math.min(baselineMs.length, canaryMs.length) >= neededRunsPerSide;
  // A shift beyond the threshold stands once its interval has its confidence; a Pass also needs power.
  const decided = shift.reachesConfidenceLevel && (classification !== 'Pass' || enoughRuns);
  const reason = [
    describeShift(classification, shift, thresholdMs, base.baseline.medianMs ?? 0, config),
    ...(decided ? [] : [insufficiency(shift, baselineMs.length, canaryMs.length, neededRunsPerSide, thresholdMs, config)]),
  ].join('; ');
  return {
    ...base,
    thresholdMs,
    shift: {
      estimateMs: shift.estimate,
      lowerMs: shift.lower,
      upperMs: shift.upper,
      confidenceLevel: shift.confidenceLevel,
      achievedConfidenceLevel: shift.achievedConfidenceLevel,
    },
    pValue: test.pValues.twoSided,
    pValues: test.pValues,
    statistic: test.statistic,
    method: test.method,
    classification,
    decided,
    ...(decided ? {} : { neededRunsPerSide }),
    reason,
  };
}

/**
 * Runs per side to decide a Pass: the configured minimum, the size at which the interval can
 * reach its confidence at all, and (for a non-zero threshold) Noether's size for detecting a
 * shift of the threshold with the configured power given the baseline's spread.
 */
function latencyRunsNeeded(baselineMs: readonly number[], thresholdMs: number, config: CanaryConfig): number | null {
  const floor = Math.max(config.minRunsPerSide, rankIntervalRunsNeeded(config.confidenceLevel));
  if (thresholdMs === 0) return floor;
  const powered = noetherRunsPerSide(baselineMs, { shift: thresholdMs, confidenceLevel: config.confidenceLevel, power: config.power });
  return powered === null ? null : Math.max(floor, powered);
}

function describeShift(classification: Classification, shift: ShiftEstimate, thresholdMs: number, baselineMedianMs: number, config: CanaryConfig): string {
  const interval = `${formatSignedMs(shift.estimate)} (${Math.round(shift.confidenceLevel * 100)}% interval ${formatSignedMs(shift.lower)} to ${formatSignedMs(shift.upper)})`;
  const threshold =
    `${formatMs(thresholdMs)} (the larger of ${formatPercent(config.relativeTolerance)} of the ` +
    `${formatMs(baselineMedianMs)} baseline median and the ${formatMs(config.effectFloorMs)} floor)`;
  if (classification === 'High') return `canary slower: shift ${interval} lies above +${threshold}`;
  if (classification === 'Low') return `canary faster: shift ${interval} lies below −${threshold}`;
  return `shift ${interval} does not lie beyond ±${threshold}`;
}

function insufficiency(shift: ShiftEstimate, baselineRuns: number, canaryRuns: number, needed: number | null, thresholdMs: number, config: CanaryConfig): string {
  const reach = shift.reachesConfidenceLevel
    ? ''
    : `${baselineRuns} baseline and ${canaryRuns} canary runs cannot reach a ${Math.round(shift.confidenceLevel * 100)}% interval; `;
  const detect =
    needed !== null
      ? `${needed} runs per side needed to detect a ${formatMs(thresholdMs)} shift with ${Math.round(config.power * 100)}% power`
      : baselineRuns < 2
        ? 'at least 2 baseline runs are needed to estimate how many runs would decide'
        : `the baseline's spread is too wide to tell how many runs would detect a ${formatMs(thresholdMs)} shift`;
  return `too few runs: ${reach}${detect}`;
}

function summarise(valuesMs: readonly number[]): LatencySide {
  if (valuesMs.length === 0) return { count: 0 };
  const sorted = sortedAscending(valuesMs);
  return { count: sorted.length, medianMs: quantileOfSorted(sorted, 0.5), p95Ms: quantileOfSorted(sorted, 0.95) };
}
