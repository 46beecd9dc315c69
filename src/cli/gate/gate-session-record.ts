/**
 * A finished verify or canary session as the store keeps it (for the dashboard's canary page):
 * the verdict and, per CUJ, the metric table.
 */
import type { CanarySessionResult, CujAnalysis, MetricResult, VerifyCuj, VerifyReport } from '../../canary/index.js';
import type { GateCuj, GateMetric, GateSession } from '../../store/index.js';

export function verifySessionRecord(report: VerifyReport, location: string): GateSession {
  return {
    id: report.sessionId,
    kind: 'verify',
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    verdict: report.passed ? 'PASS' : 'FAIL',
    score: null,
    reason: verifyReason(report),
    interrupted: report.interrupted,
    location,
    targets: [{ role: 'target', ...report.target }],
    cujs: report.cujs.map((cuj) => verifyCujRecord(cuj, report.minPassRate)),
  };
}

function verifyReason(report: VerifyReport): string {
  const below = report.cujs.filter((cuj) => !cuj.ok).map((cuj) => cuj.key);
  if (below.length === 0) return `all ${report.cujs.length} CUJs meet the pass rate ${report.minPassRate}`;
  return `below the pass rate ${report.minPassRate}: ${below.join(', ')}`;
}

function verifyCujRecord(cuj: VerifyCuj, minPassRate: number): GateCuj {
  const failure = cuj.lastFailure;
  const reason = failure === undefined ? `pass rate ${cuj.passRate}` : `last failure: ${failure.step === undefined ? '' : `step "${failure.step}": `}${failure.message}`;
  return {
    key: cuj.key,
    journey: cuj.journey,
    verdict: cuj.ok ? 'PASS' : 'FAIL',
    score: null,
    reason,
    metrics: [
      {
        id: 'pass-rate',
        name: 'pass rate',
        classification: cuj.ok ? 'Pass' : 'Fail',
        decided: cuj.runs.length > cuj.aborted,
        critical: true,
        reason,
        canary: { count: cuj.runs.length, passed: cuj.passed, flaky: cuj.flaky, failed: cuj.failed, passRate: cuj.passRate },
        minPassRate,
      },
    ],
  };
}

export function canarySessionRecord(session: CanarySessionResult, location: string): GateSession {
  const { analysis } = session;
  return {
    id: session.sessionId,
    kind: 'canary',
    startedAt: session.startedAt,
    durationMs: session.durationMs,
    verdict: analysis.verdict,
    score: analysis.score,
    reason: analysis.reason,
    interrupted: session.interrupted,
    location,
    targets: [
      { role: 'baseline', ...session.baseline },
      { role: 'canary', ...session.canary },
    ],
    cujs: analysis.cujs.map(canaryCujRecord),
  };
}

function canaryCujRecord(cuj: CujAnalysis): GateCuj {
  return { key: cuj.cuj, verdict: cuj.verdict, score: cuj.score, reason: cuj.reason, metrics: cuj.metrics.map(metricRecord) };
}

function metricRecord(metric: MetricResult): GateMetric {
  const common = {
    id: metric.id,
    name: metric.name,
    classification: metric.classification,
    decided: metric.decided,
    critical: metric.critical,
    reason: metric.reason,
    ...(metric.pValue === undefined ? {} : { pValue: metric.pValue }),
  };
  if (metric.kind === 'success-ratio') return { ...common, baseline: { ...metric.baseline }, canary: { ...metric.canary } };
  const { shift } = metric;
  return {
    ...common,
    baseline: { ...metric.baseline },
    canary: { ...metric.canary },
    ...(shift === undefined ? {} : { shiftMs: { estimate: shift.estimateMs, lower: shift.lowerMs, upper: shift.upperMs, confidenceLevel: shift.confidenceLevel } }),
    ...(metric.thresholdMs === undefined ? {} : { thresholdMs: metric.thresholdMs }),
  };
}
