/**
 * The JSON a deploy tool reads: Argo Rollouts' `web` metric provider evaluates conditions such
 * as `result.score >= 90` on it, and the other endpoints return the same shape.
 */
import type { CanarySessionResult } from '../session/canary-session.js';
import type { CanaryAnalysis } from '../verdict/canary-analysis.js';
import type { Verdict } from '../verdict/canary-verdict.js';
import type { MetricResult } from '../verdict/metric-result.js';
import { definedFields } from './defined-fields.js';

export interface GateMetric {
  id: string;
  name: string;
  classification: MetricResult['classification'];
  decided: boolean;
  critical: boolean;
  reason: string;
  pValue?: number;
  baselineMedianMs?: number;
  canaryMedianMs?: number;
  baselineP95Ms?: number;
  canaryP95Ms?: number;
  shiftMs?: number;
  shiftLowerMs?: number;
  shiftUpperMs?: number;
  baselineFailureRate?: number;
  canaryFailureRate?: number;
}

export interface GateBody {
  /** The score a condition may compare; see {@link gateScore}. */
  score: number;
  verdict: Verdict;
  /** verdict === 'PASS'. */
  passed: boolean;
  reason: string;
  neededRunsPerSide?: number | null;
  sessionId: string;
  baseline: { name: string; url: string };
  canary: { name: string; url: string };
  runsPerSide: number;
  cujs: { cuj: string; verdict: Verdict; score: number | null; reason: string; metrics: GateMetric[] }[];
}

/**
 * The analysis score, made safe for a threshold condition: 0 when nothing could be scored, and
 * for an INCONCLUSIVE verdict the worst score the undecided metrics still allow, so that
 * `score >= 90` never passes a canary on too little evidence.
 */
export function gateScore(analysis: CanaryAnalysis): number {
  if (analysis.verdict !== 'INCONCLUSIVE') return analysis.score ?? 0;
  const worst = analysis.cujs.map((cuj) => cuj.scoreRange.worst ?? 0);
  return worst.length === 0 ? 0 : Math.min(...worst);
}

/** The body for a finished canary session. */
export function gateBody(session: CanarySessionResult): GateBody {
  const { analysis } = session;
  return {
    score: gateScore(analysis),
    verdict: analysis.verdict,
    passed: analysis.verdict === 'PASS',
    reason: analysis.reason,
    ...(analysis.neededRunsPerSide === undefined ? {} : { neededRunsPerSide: analysis.neededRunsPerSide }),
    sessionId: session.sessionId,
    baseline: session.baseline,
    canary: session.canary,
    runsPerSide: session.runsPerSide,
    cujs: analysis.cujs.map((cuj) => ({ cuj: cuj.cuj, verdict: cuj.verdict, score: cuj.score, reason: cuj.reason, metrics: cuj.metrics.map(gateMetric) })),
  };
}

function gateMetric(metric: MetricResult): GateMetric {
  const base = { id: metric.id, name: metric.name, classification: metric.classification, decided: metric.decided, critical: metric.critical, reason: metric.reason };
  if (metric.kind === 'success-ratio') {
    return definedFields({ ...base, pValue: metric.pValue, baselineFailureRate: metric.baseline.failureRate, canaryFailureRate: metric.canary.failureRate });
  }
  return definedFields({
    ...base,
    pValue: metric.pValue,
    baselineMedianMs: metric.baseline.medianMs,
    canaryMedianMs: metric.canary.medianMs,
    baselineP95Ms: metric.baseline.p95Ms,
    canaryP95Ms: metric.canary.p95Ms,
    shiftMs: metric.shift?.estimateMs,
    shiftLowerMs: metric.shift?.lowerMs,
    shiftUpperMs: metric.shift?.upperMs,
  });
}
