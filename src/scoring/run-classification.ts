import type { SliSpec } from './slo-definition.js';

/**
 * How one run counts for an SLI:
 * - `good`: the first valid attempt met the SLI;
 * - `degraded`: an attempt failed but a confirmation retry met it (an anomaly, not a failure);
 * - `bad`: every valid attempt failed;
 * - `invalid`: nothing to judge (Outpost itself failed, or the measured step was never reached).
 */
export type RunClass = 'good' | 'degraded' | 'bad' | 'invalid';

/**
 * The parts of one attempt that the SLI looks at. Structural, so that scoring does not
 * depend on the journey result model.
 */
export interface AttemptOutcome {
  status: 'passed' | 'failed' | 'timedOut' | 'error' | 'aborted';
  durationMs: number;
  steps: readonly { name: string; status: 'passed' | 'failed' | 'timedOut' | 'skipped'; durationMs: number }[];
}

type AttemptVerdict = 'ok' | 'fail' | 'invalid';

/** Judges a run (its first attempt and any confirmation retries, in order) against an SLI. */
export function classifyRun(sli: SliSpec, attempts: readonly AttemptOutcome[]): RunClass {
  let failedBefore = false;
  for (const attempt of attempts) {
    const verdict = judgeAttempt(sli, attempt);
    if (verdict === 'ok') return failedBefore ? 'degraded' : 'good';
    if (verdict === 'fail') failedBefore = true;
  }
  return failedBefore ? 'bad' : 'invalid';
}

function judgeAttempt(sli: SliSpec, attempt: AttemptOutcome): AttemptVerdict {
  // `error` and `aborted` are Outpost's own failures, not the target's: they are not events.
  if (attempt.status === 'error' || attempt.status === 'aborted') return 'invalid';
  if (sli.kind === 'availability') return attempt.status === 'passed' ? 'ok' : 'fail';
  if (sli.kind === 'step-availability') return judgeStep(attempt, sli.step, Infinity);
  if (sli.step !== undefined) return judgeStep(attempt, sli.step, sli.thresholdMs);
  // A failed run did not let the user finish within the threshold either.
  return attempt.status === 'passed' && attempt.durationMs <= sli.thresholdMs ? 'ok' : 'fail';
}

/** A step never reached is not an event for it: the failure belongs to an earlier step. */
function judgeStep(attempt: AttemptOutcome, name: string, thresholdMs: number): AttemptVerdict {
  const step = attempt.steps.find((s) => s.name === name);
  if (step === undefined || step.status === 'skipped') return 'invalid';
  return step.status === 'passed' && step.durationMs <= thresholdMs ? 'ok' : 'fail';
}
