/** The cells of the canary table, one row per metric, shared by the list, Markdown and JUnit output. */
import type { CanaryAnalysis, CanarySessionResult, CujAnalysis, MetricResult, ScoreRange, Verdict } from '../../canary/index.js';
import { seconds } from '../reporters/format.js';

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

/** A difference of failure rates in percentage points: "+24 pts". */
function signedPoints(delta: number): string {
  return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${Number((Math.abs(delta) * 100).toFixed(1))} pts`;
}

function pValue(p: number | undefined): string {
  return p === undefined ? '–' : Number(p.toPrecision(3)).toString();
}

/**
 * "score 92.5"; for an INCONCLUSIVE CUJ or analysis the range its undecided metrics still allow,
 * "score 0.0 to 100.0", since the score as classified would claim more than the runs show.
 */
export function scoreText(judged: CujAnalysis | CanaryAnalysis): string {
  const range = 'cuj' in judged ? judged.scoreRange : overallRange(judged.cujs);
  if (judged.verdict === 'INCONCLUSIVE' && range.best !== null && range.worst !== null && range.best !== range.worst) {
    return `score ${range.worst.toFixed(1)} to ${range.best.toFixed(1)}`;
  }
  return judged.score === null ? 'no score' : `score ${judged.score.toFixed(1)}`;
}

/** The overall score is the lowest CUJ score, so its range is the lowest best and lowest worst. */
function overallRange(cujs: readonly CujAnalysis[]): ScoreRange {
  const lowest = (values: (number | null)[]): number | null => (values.some((v) => v === null) || values.length === 0 ? null : Math.min(...(values as number[])));
  return { best: lowest(cujs.map((cuj) => cuj.scoreRange.best)), worst: lowest(cujs.map((cuj) => cuj.scoreRange.worst)) };
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
