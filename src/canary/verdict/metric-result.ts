/**
 * What the analysis says about one metric: the numbers it used, its classification and, in
 * words, why. Plain data, ready for a report or a JSON body.
 */
import type { MetricSettings } from './canary-config.js';

/** Pass; High/Low: the canary is worse/better beyond tolerance; NoData: a side has nothing. */
export type Classification = 'Pass' | 'High' | 'Low' | 'NoData';

interface MetricBase extends MetricSettings {
  /** `success-ratio`, `latency` or `step:<name>`. */
  id: string;
  /** What a person reads: "success ratio", "journey latency", "step 'login' latency". */
  name: string;
  classification: Classification;
  reason: string;
  /**
   * False when the samples are too few for this classification to count (a Pass from too few
   * runs is no evidence); the verdict then considers both outcomes.
   */
  decided: boolean;
  /** When not decided: runs per side that would decide; null when it cannot be computed. */
  neededRunsPerSide?: number | null;
}

export interface SuccessRatioSide {
  passed: number;
  failed: number;
  /** failed / (passed + failed); absent without runs. */
  failureRate?: number;
}

export interface SuccessRatioMetric extends MetricBase {
  kind: 'success-ratio';
  baseline: SuccessRatioSide;
  canary: SuccessRatioSide;
  /** One-sided Fisher p-value (canary failure rate greater); absent without runs. */
  pValue?: number;
  method: string;
}

export interface LatencySide {
  count: number;
  medianMs?: number;
  p95Ms?: number;
}

/** The Hodges–Lehmann shift canary − baseline and its interval. */
export interface LatencyShift {
  estimateMs: number;
  lowerMs: number;
  upperMs: number;
  confidenceLevel: number;
  achievedConfidenceLevel: number;
}

export interface LatencyMetric extends MetricBase {
  kind: 'latency';
  baseline: LatencySide;
  canary: LatencySide;
  /** The shift beyond which the metric is High or Low: max(tolerance × baseline median, floor). */
  thresholdMs?: number;
  shift?: LatencyShift;
  /** Two-sided Mann–Whitney p-value. */
  pValue?: number;
  /** "greater": the canary is slower. */
  pValues?: { twoSided: number; greater: number; less: number };
  /** The Mann–Whitney W (pairs with canary slower than baseline, ties counting ½). */
  statistic?: number;
  /** R's method line: exact, or normal approximation with continuity correction. */
  method?: string;
}

export type MetricResult = SuccessRatioMetric | LatencyMetric;
