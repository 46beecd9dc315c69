import type { RunStatus } from '../journey/index.js';

/**
 * What one attempt means for the probe it belongs to, as the `outcome` label on the run and
 * step metrics. A probe is a run with its confirmation retries; SLO rules count probes, and a
 * probe is bad only when every attempt failed:
 * - `passed`: the first attempt passed;
 * - `degraded`: a confirmation retry passed (flaky: counted as good, never charged to the budget);
 * - `failed`: the last allowed attempt failed or timed out: every attempt failed;
 * - `retried`: the attempt failed and a retry follows (not a probe outcome: rules leave it out);
 * - `invalid`: the probe ended in `error` or `aborted`, Outpost's own failure, not an SLO event.
 *
 * Rules select the probes with `outcome=~"passed|degraded|failed"`.
 */
export type ProbeOutcome = 'passed' | 'degraded' | 'failed' | 'retried' | 'invalid';

/** The outcome label of attempt `attempt` of at most `maxAttempts`, which ended with `status`. */
export function probeOutcome(status: RunStatus, attempt: number, maxAttempts: number): ProbeOutcome {
  if (status === 'passed') return attempt > 1 ? 'degraded' : 'passed';
  if (status === 'aborted') return 'invalid';
  if (attempt < maxAttempts) return 'retried';
  return status === 'error' ? 'invalid' : 'failed';
}
