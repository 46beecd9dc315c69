/**
 * What `outpost verify` found: per CUJ, its runs (each with every attempt), how many passed,
 * passed only on a retry (flaky) or failed, the pass rate and whether it meets the gate.
 */
import { failingStep, type Cuj, type Journey, type JourneyResult } from '../../journey/index.js';
import type { ConfirmedRun } from '../../runner/index.js';

export interface VerifyCuj {
  /** The CUJ id (or `cuj/journey` when journeys share a CUJ). */
  key: string;
  cuj: Cuj;
  journey: string;
  /** In run order. */
  runs: ConfirmedRun[];
  passed: number;
  flaky: number;
  failed: number;
  /** Interrupted runs; they count neither way. */
  aborted: number;
  /** (passed + flaky) / (runs not aborted); 0 without such runs. */
  passRate: number;
  /** The pass rate is at least the gate's minimum (and some run finished). */
  ok: boolean;
  /** The last failed attempt (of a failed or flaky run): where and why. */
  lastFailure?: AttemptFailure;
}

export interface AttemptFailure {
  runId: string;
  attempt: number;
  step?: string;
  message: string;
}

export interface VerifyReport {
  sessionId: string;
  target: { name: string; url: string };
  runsPerCuj: number;
  retries: number;
  minPassRate: number;
  cujs: VerifyCuj[];
  /** Every CUJ meets the minimum pass rate. */
  passed: boolean;
  interrupted: boolean;
  startedAt: string;
  durationMs: number;
}

/** The gate's view of one CUJ's runs. */
export function verifyCuj(key: string, journey: Journey, runs: readonly ConfirmedRun[], minPassRate: number): VerifyCuj {
  const count = (outcome: ConfirmedRun['outcome']): number => runs.filter((run) => run.outcome === outcome).length;
  const [passed, flaky, failed, aborted] = [count('passed'), count('flaky'), count('failed'), count('aborted')];
  const finished = runs.length - aborted;
  const passRate = finished === 0 ? 0 : (passed + flaky) / finished;
  const lastFailure = attemptFailure(runs.flatMap((run) => run.attempts).filter((a) => a.status !== 'passed' && a.status !== 'aborted').at(-1));
  return {
    key,
    cuj: journey.cuj,
    journey: journey.name,
    runs: [...runs],
    passed,
    flaky,
    failed,
    aborted,
    passRate,
    ok: finished > 0 && passRate >= minPassRate,
    ...(lastFailure === undefined ? {} : { lastFailure }),
  };
}

function attemptFailure(result: JourneyResult | undefined): AttemptFailure | undefined {
  if (result === undefined) return undefined;
  const step = failingStep(result);
  const message = step?.error?.message ?? result.error?.message ?? result.status;
  return { runId: result.id, attempt: result.attempt, ...(step === undefined ? {} : { step: step.name }), message };
}
