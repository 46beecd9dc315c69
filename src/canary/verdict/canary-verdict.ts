/**
 * From scores to verdicts. A verdict is only given when the samples settle it: every metric whose
 * samples are too few is taken both ways (Pass, and not Pass), and if the two verdicts differ the
 * answer is INCONCLUSIVE rather than a guess.
 */
import type { CanaryConfig } from './canary-config.js';
import { canaryScore, type ScoredMetric } from './canary-score.js';

export type Verdict = 'PASS' | 'MARGINAL' | 'FAIL' | 'INCONCLUSIVE';
export type DecidedVerdict = Exclude<Verdict, 'INCONCLUSIVE'>;

export type VerdictThresholds = Pick<CanaryConfig, 'passScore' | 'marginalScore'>;

/** PASS at ≥ passScore, MARGINAL at ≥ marginalScore, else FAIL. */
export function verdictForScore(score: number, thresholds: VerdictThresholds): DecidedVerdict {
  if (score >= thresholds.passScore) return 'PASS';
  if (score >= thresholds.marginalScore) return 'MARGINAL';
  return 'FAIL';
}

/** The best and the worst verdict the undecided metrics still allow. */
export interface VerdictRange {
  best: DecidedVerdict;
  worst: DecidedVerdict;
}

/** The scores if every undecided metric came out Pass (best) or High (worst). */
export interface ScoreRange {
  best: number | null;
  worst: number | null;
}

/** A metric as the verdict sees it: its settings, classification and whether it is decided. */
export type JudgedMetric = ScoredMetric & { decided: boolean };

export function scoreRange(metrics: readonly JudgedMetric[], groupWeights: CanaryConfig['groupWeights']): ScoreRange {
  const settle = (outcome: 'Pass' | 'High'): ScoredMetric[] =>
    metrics.map((metric) => (metric.decided ? metric : { ...metric, classification: outcome }));
  return { best: canaryScore(settle('Pass'), groupWeights), worst: canaryScore(settle('High'), groupWeights) };
}

/** The verdicts the score range allows; nothing scored allows anything. */
export function verdictRange(range: ScoreRange, thresholds: VerdictThresholds): VerdictRange {
  if (range.best === null || range.worst === null) return { best: 'PASS', worst: 'FAIL' };
  return { best: verdictForScore(range.best, thresholds), worst: verdictForScore(range.worst, thresholds) };
}

/** The verdict when the range is a single one, else INCONCLUSIVE. */
export function settledVerdict(range: VerdictRange): Verdict {
  return range.best === range.worst ? range.best : 'INCONCLUSIVE';
}

const SEVERITY: Record<DecidedVerdict, number> = { PASS: 0, MARGINAL: 1, FAIL: 2 };

/** The most severe of the verdicts (PASS for none). */
export function worstVerdict(verdicts: readonly DecidedVerdict[]): DecidedVerdict {
  return verdicts.reduce<DecidedVerdict>((worst, verdict) => (SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst), 'PASS');
}

/**
 * Ranges of several CUJs combined: the overall verdict is the worst CUJ's, so its best case is
 * the worst of the best cases and its worst case the worst of the worst cases.
 */
export function combineVerdictRanges(ranges: readonly VerdictRange[]): VerdictRange {
  return { best: worstVerdict(ranges.map((range) => range.best)), worst: worstVerdict(ranges.map((range) => range.worst)) };
}
