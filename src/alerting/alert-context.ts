import { failingStep, type JourneyResult, type RunStatus } from '../journey/index.js';
import type { ResultStore } from '../store/index.js';

/** What the raw runs of the alert's long window say about the failure. */
export interface AlertContext {
  cuj: { id: string; description?: string } | null;
  /** The hard step that failed in most failed runs, with the error of its newest failure. */
  failingStep: { name: string; failures: number; lastError: string | null } | null;
  latestFailedRun: { id: string; startedAt: string; location: string; status: RunStatus; traceId: string | null; hasScreenshot: boolean } | null;
  /** Failed runs looked at. */
  failedRuns: number;
}

/** The target failed the run (not Outpost itself: `error` and `aborted` runs are no evidence). */
const FAILED: RunStatus[] = ['failed', 'timedOut'];

/** Enough runs to name the step that fails most, without loading a day of runs per alert. */
export const MAX_RUNS_LOOKED_AT = 500;

/** An error message short enough for a chat message or a PagerDuty field. */
const MAX_ERROR_CHARS = 500;

/**
 * Reads the failed runs of `journey` in `[fromMs, toMs)` (newest first) and tells the step that
 * failed most, its latest error, and the newest failed run.
 */
export async function loadAlertContext(
  store: Pick<ResultStore, 'queryRuns'>,
  window: { journey: string; fromMs: number; toMs: number },
): Promise<AlertContext> {
  const runs = await store.queryRuns({
    journey: window.journey,
    status: FAILED,
    from: new Date(window.fromMs),
    to: new Date(window.toMs),
    limit: MAX_RUNS_LOOKED_AT,
  });
  return alertContext(runs);
}

/** The context from failed runs, newest first. */
export function alertContext(runs: readonly JourneyResult[]): AlertContext {
  const latest = runs[0];
  if (latest === undefined) return { cuj: null, failingStep: null, latestFailedRun: null, failedRuns: 0 };
  return {
    cuj: latest.cuj,
    failingStep: mostFailingStep(runs),
    latestFailedRun: {
      id: latest.id,
      startedAt: latest.startedAt,
      location: latest.location,
      status: latest.status,
      traceId: latest.traceId ?? null,
      hasScreenshot: latest.artifacts.screenshot !== undefined,
    },
    failedRuns: runs.length,
  };
}

/** The step named in most runs; ties go to the step that failed most recently (runs are newest first). */
function mostFailingStep(runs: readonly JourneyResult[]): AlertContext['failingStep'] {
  const counts = new Map<string, { failures: number; lastError: string | null }>();
  for (const run of runs) {
    const step = failingStep(run);
    if (step === undefined) continue;
    const seen = counts.get(step.name);
    if (seen === undefined) counts.set(step.name, { failures: 1, lastError: shorten(step.error?.message ?? run.error?.message) });
    else seen.failures++;
  }
  let best: AlertContext['failingStep'] = null;
  for (const [name, { failures, lastError }] of counts) {
    if (best === null || failures > best.failures) best = { name, failures, lastError };
  }
  return best;
}

function shorten(message: string | undefined): string | null {
  if (message === undefined) return null;
  const line = message.trim();
  return line.length <= MAX_ERROR_CHARS ? line : `${line.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
