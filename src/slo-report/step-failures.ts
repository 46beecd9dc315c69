import { failingStep, type JourneyResult } from '../journey/index.js';

/** One step that made runs fail, over the report window. */
export interface StepFailure {
  /** The step's name; null for runs that failed outside any step (before the first, or in the runner). */
  step: string | null;
  /** Failed runs (attempts, confirmation retries included) whose first failing hard step it is. */
  failures: number;
  /** The error of its newest failure, trimmed to one paragraph. */
  lastError: string | null;
  /** ISO-8601 start of its newest failed run. */
  lastFailedAt: string;
}

/** An error short enough for a table cell or a JSON field. */
const MAX_ERROR_CHARS = 300;

/**
 * Counts failed runs by the step that failed them, from runs given newest first (as the store
 * returns them), and tells the steps that failed most.
 */
export function stepFailures(failedRuns: readonly JourneyResult[]): StepFailure[] {
  const byStep = new Map<string | null, StepFailure>();
  for (const run of failedRuns) {
    const step = failingStep(run);
    const name = step?.name ?? null;
    const seen = byStep.get(name);
    if (seen !== undefined) {
      seen.failures++;
      continue;
    }
    byStep.set(name, { step: name, failures: 1, lastError: shorten(step?.error?.message ?? run.error?.message), lastFailedAt: run.startedAt });
  }
  return [...byStep.values()].sort((a, b) => b.failures - a.failures || b.lastFailedAt.localeCompare(a.lastFailedAt));
}

function shorten(message: string | undefined): string | null {
  if (message === undefined) return null;
  const text = message.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
