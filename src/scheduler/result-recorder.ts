import type { JourneyResult } from '../journey/index.js';
import { StoreError, type ResultStore } from '../store/index.js';
import { abortableSleep, type Sleep } from './retry-backoff.js';

/** Waits between tries of a save the store called retryable (busy, connection dropped). */
const RETRY_WAITS_MS = [200, 1_000, 5_000];

/** How a save ended: stored, or given up with the last error. */
export type RecordOutcome = { stored: true } | { stored: false; error: Error };

/**
 * Saves a result, retrying while the store says the same call may succeed later (a busy SQLite
 * file, a PostgreSQL failover). Never throws: a result that cannot be stored is reported, and the
 * daemon goes on probing.
 */
export async function recordResult(store: Pick<ResultStore, 'saveRun'>, result: JourneyResult, sleep: Sleep = abortableSleep): Promise<RecordOutcome> {
  for (let tries = 0; ; tries++) {
    try {
      await store.saveRun(result);
      return { stored: true };
    } catch (error) {
      // The connection dropped after the first try committed: the run is there, exactly once.
      if (tries > 0 && error instanceof StoreError && error.kind === 'conflict') return { stored: true };
      const wait = RETRY_WAITS_MS[tries];
      if (!isRetryable(error) || wait === undefined) return { stored: false, error: error instanceof Error ? error : new Error(String(error)) };
      await sleep(wait);
    }
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof StoreError && error.retryable;
}
