import type { AttemptOutcome, RunClass } from './run-classification.js';
import type { SliSpec } from './slo-definition.js';

/**
 * What one probe (a run with its confirmation retries) says about one dimension (the whole run,
 * or one step), for every SLI at once: enough to classify it against availability and against any
 * latency threshold exactly as {@link classifyRun} would. This is what the store rolls up, so an
 * SLO defined later can still be evaluated from the rollups.
 * - `valid`: at least one attempt could be judged (not an Outpost error, the step was reached);
 * - `firstPassMs`: the duration of the first valid attempt when it passed, else null;
 * - `minPassMs`: the shortest passing attempt, null when none passed.
 *
 * For a threshold T the probe is good when `firstPassMs ≤ T`, degraded when only `minPassMs ≤ T`
 * (an earlier attempt failed or was too slow), and bad otherwise.
 */
export interface DimensionOutcome {
  valid: boolean;
  firstPassMs: number | null;
  minPassMs: number | null;
}

/** The run-level outcome and one per step name seen in any attempt. */
export interface ProbeOutcome {
  run: DimensionOutcome;
  steps: Map<string, DimensionOutcome>;
}

/** A verdict on one attempt: a passing duration, a failure, or nothing to judge. */
const FAILED = -1;
const NOT_JUDGED = -2;

/**
 * Summarises a probe's attempts, in order, for the run and for every step. One pass: the rollups
 * call it for every saved attempt.
 */
export function probeOutcome(attempts: readonly AttemptOutcome[]): ProbeOutcome {
  const run = emptyOutcome();
  const steps = new Map<string, DimensionOutcome>();
  for (const attempt of attempts) {
    // Outpost's own failures (`error`, `aborted`) are not events, for the run or any step: as in classifyRun.
    if (attempt.status === 'error' || attempt.status === 'aborted') {
      for (const step of attempt.steps) if (!steps.has(step.name)) steps.set(step.name, emptyOutcome());
      continue;
    }
    judge(run, attempt.status === 'passed' ? duration(attempt.durationMs) : FAILED);
    judgeSteps(steps, attempt);
  }
  return { run, steps };
}

/** A step never reached (absent or skipped) is not an event for it; a repeated name counts once, as its first occurrence. */
function judgeSteps(steps: Map<string, DimensionOutcome>, attempt: AttemptOutcome): void {
  const seen = attempt.steps.length > 1 ? new Set<string>() : undefined;
  for (const step of attempt.steps) {
    if (seen !== undefined) {
      if (seen.has(step.name)) continue;
      seen.add(step.name);
    }
    let outcome = steps.get(step.name);
    if (outcome === undefined) steps.set(step.name, (outcome = emptyOutcome()));
    judge(outcome, step.status === 'skipped' ? NOT_JUDGED : step.status === 'passed' ? duration(step.durationMs) : FAILED);
  }
}

function judge(outcome: DimensionOutcome, verdict: number): void {
  if (verdict === NOT_JUDGED) return;
  const passed = verdict !== FAILED;
  if (!outcome.valid && passed) outcome.firstPassMs = verdict;
  outcome.valid = true;
  if (passed && (outcome.minPassMs === null || verdict < outcome.minPassMs)) outcome.minPassMs = verdict;
}

/** A duration as a verdict: never negative (nor NaN), so it cannot be mistaken for a failure. */
function duration(ms: number): number {
  return ms >= 0 ? ms : 0;
}

function emptyOutcome(): DimensionOutcome {
  return { valid: false, firstPassMs: null, minPassMs: null };
}

/** Classifies a dimension's outcome against an SLI; the same answer as {@link classifyRun} gives. */
export function classifyOutcome(outcome: DimensionOutcome, sli: SliSpec): RunClass {
  if (!outcome.valid) return 'invalid';
  const thresholdMs = sli.kind === 'latency' ? sli.thresholdMs : Infinity;
  if (outcome.firstPassMs !== null && outcome.firstPassMs <= thresholdMs) return 'good';
  if (outcome.minPassMs !== null && outcome.minPassMs <= thresholdMs) return 'degraded';
  return 'bad';
}

/** The outcome of the dimension an SLI looks at: the run, or its step (invalid when no attempt had it). */
export function outcomeForSli(probe: ProbeOutcome, sli: SliSpec): DimensionOutcome {
  const step = sli.kind === 'availability' ? undefined : sli.step;
  if (step === undefined) return probe.run;
  return probe.steps.get(step) ?? emptyOutcome();
}
