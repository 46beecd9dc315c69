import { softFailures, type JourneyResult } from '../../../journey/index.js';

/**
 * How the dashboard colours a stored run:
 * - `passed`: passed on the first attempt with every soft step passing;
 * - `degraded`: passed, but only on a confirmation retry or with a soft step failing (an anomaly:
 *   shown, never charged to the budget);
 * - `failed`: the target failed the journey (a hard step failed or timed out);
 * - `error`: Outpost could not run the journey (browser crash, missing secret): not the target's fault;
 * - `aborted`: the process stopped before the run finished.
 */
export type DisplayStatus = 'passed' | 'degraded' | 'failed' | 'error' | 'aborted';

export const DISPLAY_STATUSES: readonly DisplayStatus[] = ['passed', 'degraded', 'failed', 'error', 'aborted'];

export function displayStatus(run: JourneyResult): DisplayStatus {
  switch (run.status) {
    case 'passed':
      return run.attempt > 1 || softFailures(run).length > 0 ? 'degraded' : 'passed';
    case 'failed':
    case 'timedOut':
      return 'failed';
    case 'error':
      return 'error';
    case 'aborted':
      return 'aborted';
  }
}
