/**
 * What verify and canary sessions share: the runner's options for every run, the journeys, how
 * many run at once, and the session id every stored result carries.
 */
import type { Journey } from '../../journey/index.js';
import type { RunJourneyOptions } from '../../runner/index.js';

/**
 * `runJourney` options shared by every run of a session: pool, timeouts, artifacts, secrets,
 * redactor, the interrupt `signal` and an optional telemetry `observer`.
 */
export type SessionRunOptions = Omit<RunJourneyOptions, 'journey' | 'target' | 'attempt' | 'maxAttempts' | 'sessionId'>;

export interface SessionOptions {
  run: SessionRunOptions;
  journeys: readonly Journey[];
  /** Runs at the same time (≥ 1). */
  concurrency: number;
  /** Put on every result; a fresh UUID when absent. */
  sessionId?: string;
}

/** Throws RangeError for a count that is not a whole number ≥ `min`. */
export function requireWholeNumber(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
}
