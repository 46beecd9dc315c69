/** The cells of the canary table, one row per metric, shared by the list, Markdown and JUnit output. */
import type { CanarySessionResult, MetricResult, Verdict } from '../../canary/index.js';
import { seconds } from '../reporters/format.js';
import { percent } from './gate-text.js';

export const METRIC_HEADER = ['metric', 'baseline median', 'canary median', 'baseline p95', 'canary p95', 'shift', 'interval', 'p', 'class'] as const;

/** A metric's row in the order of {@link METRIC_HEADER}. */
export function metricRow(metric: MetricResult): string[] {
  return [metric.name, ...(metric.kind === 'success-ratio' ? successCells(metric) : latencyCells(metric)), classCell(metric)];
}

/** "High", or "Pass (undecided)" when the samples are too few for it to count. */
export function classCell(metric: MetricResult): string {
  return metric.decided ? metric.classification : `${metric.classification} (undecided)`;
}

function successCells(metric: Extract<MetricResult, { kind: 'success-ratio' }>): string[] {
  const side = (s: typeof metric.baseline): string => `${s.failed}/${s.passed + s.failed} failed`;
  const { baseline, canary } = metric;
  const shift = baseline.failureRate === undefined || canary.failureRate === undefined ? '–' : signedPoints(canary.failureRate - baseline.failureRate);
  return [side(baseline), side(canary), '–', '–', shift, '–', pValue(metric.pValue)];
}

function latencyCells(metric: Extract<MetricResult, { kind: 'latency' }>): string[] {
  const ms = (value: number | undefined): string => (value === undefined ? '–' : seconds(value));
  const { shift } = metric;
  const interval = shift === undefined ? '–' : `${signedMs(shift.lowerMs)} … ${signedMs(shift.upperMs)} (${Math.round(shift.confidenceLevel * 100)}%)`;
  return [ms(metric.baseline.medianMs), ms(metric.canary.medianMs), ms(metric.baseline.p95Ms), ms(metric.canary.p95Ms), shift === undefined ? '–' : signedMs(shift.estimateMs), interval, pValue(metric.pValue)];
}

/** "+400ms", "−12ms". */
export function signedMs(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${seconds(Math.abs(value))}`;
}

function signedPoints(delta: number): string {
  return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${percent(Math.abs(delta))}`;
}

function pValue(p: number | undefined): string {
  return p === undefined ? '–' : Number(p.toPrecision(3)).toString();
}

/** "score 92.5", or "no score" when nothing could be classified. */
export function scoreText(score: number | null): string {
  return score === null ? 'no score' : `score ${score.toFixed(1)}`;
}

/** What to do about an INCONCLUSIVE verdict. */
export function rerunHint(session: CanarySessionResult): string | undefined {
  const { analysis } = session;
  if (analysis.verdict !== 'INCONCLUSIVE') return undefined;
  const needed = analysis.neededRunsPerSide;
  if (typeof needed === 'number') return `run at least ${needed} per side: outpost canary … --runs ${Math.max(needed, session.runsPerSide + 1)}`;
  return 'the runs needed cannot be computed from these samples; run more (e.g. double --runs)';
}

export const VERDICT_EMOJI: Record<Verdict, string> = { PASS: '✅', MARGINAL: '⚠️', FAIL: '❌', INCONCLUSIVE: '❔' };
