/**
 * A finished deploy-gate session (`outpost verify` or `outpost canary`) as the store keeps it: the
 * verdict and, per CUJ, the metric table behind it. Plain data, so the dashboard and the JSON API
 * can show past sessions without knowing the canary module's types.
 */

export type GateKind = 'verify' | 'canary';

/** What a side of a metric measured; every field is optional because metrics measure different things. */
export interface GateSide {
  /** Runs counted (latency: samples). */
  count?: number;
  passed?: number;
  failed?: number;
  /** verify: runs that passed only on a confirmation retry. */
  flaky?: number;
  /** failed / (passed + failed). */
  failureRate?: number;
  /** verify: (passed + flaky) / finished runs. */
  passRate?: number;
  medianMs?: number;
  p95Ms?: number;
}

/** One row of a session's metric table. */
export interface GateMetric {
  /** `success-ratio`, `latency`, `step:<name>` or (verify) `pass-rate`. */
  id: string;
  /** What a person reads: "success ratio", "step 'pay' latency", "pass rate". */
  name: string;
  /** canary: Pass, High, Low or NoData; verify: Pass or Fail. */
  classification: string;
  /** False when the samples were too few for the classification to count. */
  decided: boolean;
  critical: boolean;
  reason: string;
  /** Absent for verify, which has no baseline. */
  baseline?: GateSide;
  canary: GateSide;
  /** Hodges–Lehmann shift canary − baseline with its interval (latency metrics). */
  shiftMs?: { estimate: number; lower: number; upper: number; confidenceLevel: number };
  pValue?: number;
  /** The minimum required (verify: the pass rate; canary latency: the shift tolerance). */
  thresholdMs?: number;
  minPassRate?: number;
}

export interface GateCuj {
  /** The CUJ id (or `cuj/journey` when journeys share one). */
  key: string;
  journey?: string;
  /** canary: PASS, FAIL, MARGINAL, INCONCLUSIVE; verify: PASS or FAIL. */
  verdict: string;
  score: number | null;
  reason: string;
  metrics: GateMetric[];
}

export interface GateTarget {
  role: 'target' | 'baseline' | 'canary';
  name: string;
  url: string;
}

export interface GateSession {
  /** The session id its runs carry as `sessionId`. */
  id: string;
  kind: GateKind;
  /** ISO-8601. */
  startedAt: string;
  durationMs: number;
  /** canary: PASS, FAIL, MARGINAL or INCONCLUSIVE; verify: PASS or FAIL. */
  verdict: string;
  /** canary: the lowest CUJ score; null for verify and when nothing could be scored. */
  score: number | null;
  reason: string;
  interrupted: boolean;
  location: string;
  targets: GateTarget[];
  cujs: GateCuj[];
}

/** Which sessions to read, newest first. */
export interface GateSessionQuery {
  kind?: GateKind;
  limit?: number;
  offset?: number;
}
