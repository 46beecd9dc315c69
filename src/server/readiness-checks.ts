import type { ResultStore } from '../store/index.js';
import type { ReadinessCheck } from './readiness.js';

/** The browser is up, or can be launched now (the pool launches it if it is not). */
export function browserCheck(pool: { probe(): Promise<string> }): ReadinessCheck {
  return { name: 'browser', check: () => pool.probe() };
}

/** Whether the last write to the store went through (the scheduler reports each save). */
export interface WriteHealth {
  /** The error of the last save when it failed; undefined when it succeeded or none was made. */
  lastWriteError(): string | undefined;
}

/**
 * The store answers a query (a filter that matches nothing, so it is cheap), takes an empty write
 * transaction (SQLite takes its write lock: a read-only file or a lock held forever fails here),
 * and its last real write succeeded.
 */
export function storeCheck(store: Pick<ResultStore, 'countRuns' | 'saveRuns'>, writes: WriteHealth): ReadinessCheck {
  return {
    name: 'store',
    check: async () => {
      await store.countRuns({ journey: [] });
      await store.saveRuns([]);
      const failed = writes.lastWriteError();
      if (failed !== undefined) throw new Error(`the last write failed: ${failed}`);
    },
  };
}
